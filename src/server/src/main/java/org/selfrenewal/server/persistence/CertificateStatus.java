package org.selfrenewal.server.persistence;

/** The life of a certificate this server issued. */
public enum CertificateStatus {
    /** Issued by a renewal that is not confirmed yet: not valid for renewing. */
    PENDING,
    /** The card's certificate in use. */
    CURRENT,
    /** Replaced by a confirmed renewal. */
    SUPERSEDED,
    /** Cancelled: by the RA, or issued by a renewal that was cancelled before confirmation. */
    REVOKED
}
