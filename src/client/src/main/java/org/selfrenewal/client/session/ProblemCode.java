package org.selfrenewal.client.session;

/**
 * Everything that can stop the card holder, as a stable code. The views turn each into words from the
 * client's message bundle ({@code problem.<CODE>}), so a translation is a new bundle, not a code change.
 */
public enum ProblemCode {
    NO_CARD(true),
    CARD_LIBRARY_MISSING(true),
    CARD_UNREADABLE(true),
    NO_AUTHENTICATION_CERTIFICATE(true),
    NO_SIGNING_CERTIFICATE(true),
    PASSCODE_EMPTY(false),
    PASSCODE_MALFORMED(false),
    WRONG_PASSCODE(false),
    WRONG_PASSCODE_FEW_TRIES_LEFT(false),
    WRONG_PASSCODE_FINAL_TRY(false),
    CARD_LOCKED(true),
    NEW_PASSCODE_RULE(false),
    NEW_PASSCODE_MISMATCH(false),
    NEW_PASSCODE_SAME_AS_CURRENT(false),
    NEW_PASSCODE_REJECTED_BY_CARD(false),
    NOT_DUE(false),
    EXPIRED(true),
    CARD_OPERATION_FAILED(true),
    NEW_CERTIFICATE_NOT_FOR_NEW_KEY(true),
    SERVICE_UNREACHABLE(true),
    SERVICE_NOT_TRUSTED(true),
    SERVICE_REFUSED(true),
    RENEWAL_STOPPED(false),
    RENEWAL_UNFINISHED(false),
    EARLIER_RENEWAL_UNRESOLVED(true),
    UNEXPECTED(true);

    private final boolean needsHelp;

    ProblemCode(boolean needsHelp) {
        this.needsHelp = needsHelp;
    }

    /** Whether the card holder may need the trust's contacts to get past it (the views show them). */
    public boolean needsHelp() {
        return needsHelp;
    }

    /** Whether the card can no longer be used until it is unlocked: nothing more is offered. */
    public boolean stopsEverything() {
        return this == CARD_LOCKED;
    }
}
