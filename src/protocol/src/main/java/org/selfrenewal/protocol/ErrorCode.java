package org.selfrenewal.protocol;

/**
 * Every way the server can refuse a renewal, each with a stable code (the enum name, sent on the wire)
 * and the plain-English message a card holder sees: what happened and what to do next.
 */
public enum ErrorCode {
    NOT_DUE("Your smartcard certificates are not due for renewal yet. "
            + "Self-renewal opens 90 days before they expire."),
    EXPIRED("Your smartcard certificates have expired, so they cannot be renewed online. "
            + "Visit your local registration authority (RA) and ask them to renew your certificates."),
    CERTIFICATE_NOT_RECOGNISED("The certificates on this smartcard were not issued by this service, "
            + "so they cannot be renewed here. Contact your IT service desk or visit your local "
            + "registration authority (RA)."),
    CERTIFICATE_SUPERSEDED("The certificates on this smartcard have already been renewed. "
            + "Remove your smartcard, insert it again and log in. If this keeps happening, visit your local "
            + "registration authority (RA)."),
    CERTIFICATE_REVOKED("The certificates on this smartcard have been cancelled (revoked), so they "
            + "cannot be renewed online. Visit your local registration authority (RA)."),
    WRONG_CERTIFICATE_PURPOSE("The certificates on this smartcard are not where the service expects them (the signing "
            + "certificate where the authentication one belongs, or the other way round). Visit your local "
            + "registration authority (RA)."),
    CARD_MISMATCH("The two certificates on this smartcard do not belong to the same card. "
            + "Visit your local registration authority (RA)."),
    PROOF_OF_POSSESSION_FAILED("Your smartcard could not prove it holds its current key, so nothing "
            + "was renewed. Remove your smartcard, insert it again and retry. If it happens again, "
            + "contact your IT service desk."),
    CERTIFICATE_REQUEST_INVALID("The new certificate request made by your smartcard was not valid, so "
            + "nothing was renewed. Try again. If it happens again, contact your IT service desk."),
    KEY_NOT_ACCEPTED("The new key made by your smartcard is not strong enough or was used before, "
            + "so nothing was renewed. Try again. If it happens again, contact your IT service desk."),
    CONFIRMATION_FAILED("The renewed certificates could not be confirmed with your smartcard's new key, "
            + "so your current certificates remain in use. Try again. If it happens again, contact your IT "
            + "service desk."),
    RENEWAL_NOT_FOUND("This renewal is not known to the service. Start the renewal again."),
    RENEWAL_TIMED_OUT("The renewal took too long and was stopped; nothing was changed. " + "Start the renewal again."),
    RENEWAL_NOT_OPEN("This renewal has already finished or was stopped. Start the renewal again if "
            + "your certificates still need renewing."),
    RENEWAL_IN_PROGRESS("A renewal of this smartcard is already under way. Wait ten minutes, then start "
            + "the renewal again. If this keeps happening, contact your IT service desk."),
    TOO_MANY_RENEWALS("This smartcard has been renewed too many times recently, so it cannot be renewed "
            + "online now. Contact your IT service desk or visit your local registration authority (RA)."),
    TOO_MANY_REQUESTS("The renewal service is busy. Wait a minute, then try again."),
    UNSUPPORTED_MEDIA_TYPE("The renewal service did not understand the request. Make sure you are using "
            + "the latest version of the renewal application."),
    METHOD_NOT_ALLOWED("The renewal service did not understand the request. Make sure you are using "
            + "the latest version of the renewal application."),
    BAD_REQUEST("The renewal service did not understand the request. Make sure you are using the "
            + "latest version of the renewal application. If this keeps happening, contact your IT service desk."),
    SERVICE_ERROR("The renewal service had a problem and nothing was changed. Try again later. "
            + "If this keeps happening, contact your IT service desk.");

    private final String defaultMessage;

    ErrorCode(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
