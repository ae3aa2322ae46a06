package org.selfrenewal.server.persistence;

import org.bouncycastle.asn1.x509.CRLReason;

/** Why a certificate stopped being valid, as RFC 5280 (5.3.1) names it in CRLs and OCSP answers. */
public enum RevocationReason {
    /** The renewal that replaced it was confirmed. */
    SUPERSEDED(CRLReason.superseded),
    /** Issued by a renewal that was cancelled or timed out before confirmation: never put to use. */
    CANCELLED_PENDING(CRLReason.cessationOfOperation),
    /** The RA withdrew the card (left the organisation, lost card, ...). */
    CARD_WITHDRAWN(CRLReason.privilegeWithdrawn),
    /** The RA was told the card's keys may be in someone else's hands. */
    KEY_COMPROMISE(CRLReason.keyCompromise);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason value. */
    public int code() {
        return code;
    }
}
