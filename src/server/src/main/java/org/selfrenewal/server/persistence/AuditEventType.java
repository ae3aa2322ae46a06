package org.selfrenewal.server.persistence;

/** What an audit event records. Stored by name: a name once written is never renamed. */
public enum AuditEventType {
    /** The RA registered a card and issued its first certificates. */
    CARD_ISSUED,
    /** The RA revoked a card's certificates. */
    CARD_REVOKED,
    /** A renewal was started (or its open renewal handed out again), or a start was refused. */
    RENEWAL_STARTED,
    /** New certificates were issued (pending), or the certificate requests were refused. */
    CERTIFICATES_ISSUED,
    /** The new certificates became current, or the confirmation was refused. */
    RENEWAL_CONFIRMED,
    /** A renewal was cancelled (by the card holder, a refusal, the RA or the timeout), or a cancellation refused. */
    RENEWAL_CANCELLED,
    /** Someone asked the state of a renewal. */
    RENEWAL_STATE_QUERIED,
    /** A request refused before any renewal step could read it: wrong method, media type, size, JSON or path. */
    REQUEST_REFUSED,
    /** One node's timeout sweep cancelled renewals whose time ran out. */
    TIMEOUT_SWEEP
}
