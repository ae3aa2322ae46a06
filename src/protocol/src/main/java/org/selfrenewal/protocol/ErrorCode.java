package org.selfrenewal.protocol;

/**
 * Every way the server can refuse a renewal, each with a stable code (the enum name, sent on the wire),
 * an HTTP status, and the plain-English message a card holder sees: what happened and what to do next.
 */
public enum ErrorCode {
    NOT_DUE(
            409,
            "Your smartcard certificates are not due for renewal yet. "
                    + "Self-renewal opens 90 days before they expire."),
    EXPIRED(
            409,
            "Your smartcard certificates have expired, so they cannot be renewed online. "
                    + "Visit your local registration authority (RA) and ask them to renew your certificates."),
    CERTIFICATE_NOT_RECOGNISED(
            403,
            "The certificates on this smartcard were not issued by this service, "
                    + "so they cannot be renewed here. Contact your IT service desk or visit your local "
                    + "registration authority (RA)."),
    CERTIFICATE_SUPERSEDED(
            409,
            "The certificates on this smartcard have already been renewed. "
                    + "Remove your smartcard, insert it again and log in. If this keeps happening, visit your local "
                    + "registration authority (RA)."),
    CERTIFICATE_REVOKED(
            403,
            "The certificates on this smartcard have been cancelled (revoked), so they "
                    + "cannot be renewed online. Visit your local registration authority (RA)."),
    CARD_MISMATCH(
            400,
            "The two certificates on this smartcard do not belong to the same card. "
                    + "Visit your local registration authority (RA)."),
    PROOF_OF_POSSESSION_FAILED(
            403,
            "Your smartcard could not prove it holds its current key, so nothing "
                    + "was renewed. Remove your smartcard, insert it again and retry. If it happens again, "
                    + "contact your IT service desk."),
    CERTIFICATE_REQUEST_INVALID(
            400,
            "The new certificate request made by your smartcard was not valid, so "
                    + "nothing was renewed. Try again. If it happens again, contact your IT service desk."),
    KEY_NOT_ACCEPTED(
            400,
            "The new key made by your smartcard is not strong enough or was used before, "
                    + "so nothing was renewed. Try again. If it happens again, contact your IT service desk."),
    CONFIRMATION_FAILED(
            403,
            "The renewed certificates could not be confirmed with your smartcard's new key, "
                    + "so your current certificates remain in use. Try again. If it happens again, contact your IT "
                    + "service desk."),
    RENEWAL_NOT_FOUND(404, "This renewal is not known to the service. Start the renewal again."),
    RENEWAL_TIMED_OUT(
            409, "The renewal took too long and was stopped; nothing was changed. " + "Start the renewal again."),
    RENEWAL_NOT_OPEN(
            409,
            "This renewal has already finished or was stopped. Start the renewal again if "
                    + "your certificates still need renewing."),
    RENEWAL_IN_PROGRESS(
            409,
            "A renewal of this smartcard is already under way. Wait ten minutes, then start "
                    + "the renewal again. If this keeps happening, contact your IT service desk."),
    TOO_MANY_RENEWALS(
            429,
            "This smartcard has been renewed too many times recently, so it cannot be renewed "
                    + "online now. Contact your IT service desk or visit your local registration authority (RA)."),
    TOO_MANY_REQUESTS(429, "The renewal service is busy. Wait a minute, then try again."),
    UNSUPPORTED_MEDIA_TYPE(
            415,
            "The renewal service did not understand the request. Make sure you are using "
                    + "the latest version of the renewal application."),
    METHOD_NOT_ALLOWED(
            405,
            "The renewal service did not understand the request. Make sure you are using "
                    + "the latest version of the renewal application."),
    BAD_REQUEST(
            400,
            "The renewal service did not understand the request. Make sure you are using the "
                    + "latest version of the renewal application. If this keeps happening, contact your IT service desk."),
    SERVICE_ERROR(
            500,
            "The renewal service had a problem and nothing was changed. Try again later. "
                    + "If this keeps happening, contact your IT service desk.");

    private final int httpStatus;
    private final String defaultMessage;

    ErrorCode(int httpStatus, String defaultMessage) {
        this.httpStatus = httpStatus;
        this.defaultMessage = defaultMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
