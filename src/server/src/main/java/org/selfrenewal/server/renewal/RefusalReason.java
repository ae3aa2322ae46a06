package org.selfrenewal.server.renewal;

/**
 * Why the renewal core refused a step: one reason per named rule, independent of any protocol. Each front
 * door maps reasons to its own codes (the JSON API: {@code api.RefusalCodes}). Reasons marked
 * "cancels" come after the card holder's key vouched for the request: the renewal cannot go on and is
 * cancelled, revoking anything it issued; every other refusal changes nothing.
 */
public enum RefusalReason {
    /** fail/unreadable: the front door could not read the request (not a certificate, a key request, a proof). */
    UNREADABLE_REQUEST(false),
    /** fail/not-issued-by-us: a certificate we never issued (or not signed by our issuing CA). */
    NOT_ISSUED_BY_US(false),
    /** fail/wrong-purpose: the signing certificate presented as authentication, or the other way round. */
    WRONG_PURPOSE(false),
    /** fail/two-cards: the two certificates belong to different cards. */
    DIFFERENT_CARDS(false),
    /** fail/superseded: the certificate was already renewed. */
    SUPERSEDED(false),
    /** fail/revoked: the certificate (or the card) was revoked. */
    REVOKED(false),
    /** fail/pending: the certificate belongs to a renewal that was never confirmed. */
    PENDING(false),
    /** fail/not-due: the card's earliest expiry is more than 90 days away. */
    NOT_DUE(false),
    /** fail/expired: the card's earliest expiry has passed. */
    EXPIRED(false),
    /** fail/in-progress: the card's open renewal already got past its proof and has not finished. */
    RENEWAL_IN_PROGRESS(false),
    /** fail/too-many-starts: too many new renewals of this card in a minute. */
    TOO_MANY_STARTS(false),
    /** fail/unknown-renewal: no renewal with that id. */
    UNKNOWN_RENEWAL(false),
    /** fail/not-open: the renewal is not in the state this step continues from (finished, or a step repeated). */
    RENEWAL_NOT_OPEN(false),
    /** fail/timed-out: the renewal's time ran out (cancels). */
    TIMED_OUT(true),
    /** fail/possession: the proof does not verify with the current authentication key over this renewal. */
    POSSESSION_NOT_PROVEN(false),
    /** fail/weak-key: a new key outside the CA's key policy (cancels). */
    KEY_NOT_ACCEPTED(true),
    /** fail/bad-request-signature: a key request outside the CA's request policy (cancels). */
    REQUEST_NOT_ACCEPTED(true),
    /** fail/key-reused: a new key certified before, or the same key for both purposes (cancels). */
    KEY_REUSED(true),
    /** fail/issuance-cap: this card's renewals already issued certificates too often in 90 days (cancels). */
    ISSUANCE_CAP_REACHED(true),
    /** fail/confirmation: the confirmation does not verify with the NEW authentication key. */
    CONFIRMATION_NOT_PROVEN(false),
    /** fail/cancellation: the cancellation does not verify with the current authentication key. */
    CANCELLATION_NOT_PROVEN(false);

    private final boolean cancelsRenewal;

    RefusalReason(boolean cancelsRenewal) {
        this.cancelsRenewal = cancelsRenewal;
    }

    /** Whether the renewal the refusal happened in is cancelled (and what it issued revoked). */
    public boolean cancelsRenewal() {
        return cancelsRenewal;
    }
}
