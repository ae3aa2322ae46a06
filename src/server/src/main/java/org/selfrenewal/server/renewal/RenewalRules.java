package org.selfrenewal.server.renewal;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.ca.CertificateRequestPolicy;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.selfrenewal.ca.UnacceptablePublicKeyException;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.persistence.CertificateRecord;

/**
 * Every way a renewal can be refused, one named rule each. Each rule returns normally when satisfied
 * and throws a {@link RenewalRefusal} naming itself when not.
 */
final class RenewalRules {

    private RenewalRules() {}

    /** fail/not-issued-by-us: we keep every certificate we issue; anything else is foreign. */
    static void issuedByUs(
            CertificateRecord known, X509Certificate presented, CertificateIssuer issuer, CredentialPurpose purpose) {
        if (known == null || !issuer.isIssuedByUs(presented, known.purpose())) {
            throw RenewalRefusal.of(
                    ErrorCode.CERTIFICATE_NOT_RECOGNISED,
                    purpose.plainName() + " certificate " + presented.getSubjectX500Principal() + " serial "
                            + presented.getSerialNumber().toString(16) + " was not issued by this service");
        }
    }

    /** fail/wrong-purpose: the certificate presented as authentication must be the card's authentication one. */
    static void hasPurpose(CertificateRecord known, CredentialPurpose purpose) {
        if (known.purpose() != purpose) {
            throw RenewalRefusal.of(
                            ErrorCode.CARD_MISMATCH,
                            "certificate " + known.serialHex() + " is a " + known.purpose()
                                    + " certificate, presented as " + purpose)
                    .forCard(known.cardId());
        }
    }

    /** fail/card-mismatch: both certificates belong to one card. */
    static void sameCard(CertificateRecord authentication, CertificateRecord signing) {
        if (authentication.cardId() != signing.cardId()) {
            throw RenewalRefusal.of(
                    ErrorCode.CARD_MISMATCH,
                    "certificates belong to cards " + authentication.cardId() + " and " + signing.cardId());
        }
    }

    /** fail/superseded, fail/revoked, fail/pending: only the card's current certificates can be renewed. */
    static void current(CertificateRecord known) {
        switch (known.status()) {
            case CURRENT -> {}
            case SUPERSEDED -> throw RenewalRefusal.of(
                            ErrorCode.CERTIFICATE_SUPERSEDED,
                            "certificate " + known.serialHex() + " was already renewed")
                    .forCard(known.cardId());
            case REVOKED -> throw RenewalRefusal.of(
                            ErrorCode.CERTIFICATE_REVOKED, "certificate " + known.serialHex() + " is revoked")
                    .forCard(known.cardId());
            case PENDING -> throw RenewalRefusal.of(
                            ErrorCode.CERTIFICATE_NOT_RECOGNISED,
                            "certificate " + known.serialHex() + " belongs to a renewal that was never confirmed")
                    .forCard(known.cardId());
        }
    }

    /** fail/not-due, fail/expired: the card's earliest expiry is in the next 90 days and not past. */
    static void due(Eligibility eligibility, long cardId) {
        switch (eligibility.status()) {
            case DUE -> {}
            case NOT_YET_DUE -> throw RenewalRefusal.of(
                            ErrorCode.NOT_DUE,
                            "expires " + eligibility.notAfter() + ", window opens " + eligibility.renewalOpensAt())
                    .withMessage(EligibilityWords.explain(eligibility))
                    .withDetail(
                            "renewalOpensOn",
                            EligibilityWords.day(eligibility.renewalOpensAt()).toString())
                    .withDetail(
                            "expiresOn",
                            EligibilityWords.day(eligibility.notAfter()).toString())
                    .forCard(cardId);
            case EXPIRED -> throw RenewalRefusal.of(ErrorCode.EXPIRED, "expired " + eligibility.notAfter())
                    .withMessage(EligibilityWords.explain(eligibility))
                    .withDetail(
                            "expiredOn",
                            EligibilityWords.day(eligibility.notAfter()).toString())
                    .forCard(cardId);
        }
    }

    /**
     * fail/forged-possession, fail/relayed, fail/proof-over-other-requests: the current authentication key
     * signed this renewal's challenge, this service's own public URL and the SHA-256 of exactly the two
     * requests received. A refused proof changes nothing: whoever sent it may not hold the card.
     */
    static void possessionProven(
            X509Certificate currentAuthentication,
            URI service,
            String renewalId,
            String challenge,
            byte[] authenticationCsr,
            byte[] signingCsr,
            byte[] signature,
            long cardId) {
        if (service == null) {
            throw new IllegalStateException("this server has no public URL configured: no proof can be checked");
        }
        byte[] message = SignedMessages.possession(service, renewalId, challenge, authenticationCsr, signingCsr);
        if (!verifies(currentAuthentication.getPublicKey(), message, signature)) {
            throw RenewalRefusal.of(
                            ErrorCode.PROOF_OF_POSSESSION_FAILED,
                            "the proof does not verify with the "
                                    + "current authentication key over this service, this challenge and these requests")
                    .forCard(cardId);
        }
    }

    /**
     * fail/weak-key, fail/exponent, fail/roca, fail/not-rsa, fail/csr-signature, fail/csr-weak-signature:
     * the CA's one key and request policy.
     */
    static void acceptableRequest(PKCS10CertificationRequest request, CredentialPurpose purpose, long cardId) {
        try {
            CertificateRequestPolicy.check(request);
        } catch (UnacceptablePublicKeyException e) {
            throw RenewalRefusal.of(
                            ErrorCode.KEY_NOT_ACCEPTED, "the new " + purpose.plainName() + " key: " + e.getMessage())
                    .forCard(cardId)
                    .cancellingRenewal();
        } catch (IssuanceRefusedException e) {
            throw RenewalRefusal.of(
                            ErrorCode.CERTIFICATE_REQUEST_INVALID,
                            "the " + purpose.plainName() + " request: " + e.getMessage())
                    .forCard(cardId)
                    .cancellingRenewal();
        }
    }

    /** fail/issuance-cap: at most a few renewals of one card issue certificates in one renewal window. */
    static void underIssuanceCap(int renewalsThatIssued, int cap, long cardId) {
        if (renewalsThatIssued >= cap) {
            throw RenewalRefusal.of(
                            ErrorCode.TOO_MANY_RENEWALS,
                            renewalsThatIssued
                                    + " renewals of this card already issued certificates in this renewal window (cap "
                                    + cap + ")")
                    .forCard(cardId)
                    .cancellingRenewal();
        }
    }

    /** fail/key-reused: a renewal brings new keys, never one we certified before, and not the same key twice. */
    static void freshKey(boolean seenBefore, CredentialPurpose purpose, long cardId) {
        if (seenBefore) {
            throw RenewalRefusal.of(
                            ErrorCode.KEY_NOT_ACCEPTED,
                            "the new " + purpose.plainName() + " key was certified before or is used twice")
                    .forCard(cardId)
                    .cancellingRenewal();
        }
    }

    /** fail/revoked-during-renewal: the certificates being renewed are still current when the renewal ends. */
    static void stillCurrent(CertificateRecord old) {
        current(old);
    }

    /** fail/confirmation: the NEW authentication key signed the confirmation. */
    static void confirmedByNewKey(
            X509Certificate newAuthentication, String renewalId, String challenge, byte[] signature, long cardId) {
        byte[] message = SignedMessages.confirmation(
                renewalId, challenge, newAuthentication.getSerialNumber().toString(16));
        if (!verifies(newAuthentication.getPublicKey(), message, signature)) {
            throw RenewalRefusal.of(
                            ErrorCode.CONFIRMATION_FAILED,
                            "confirmation signature does not verify with the new authentication key")
                    .forCard(cardId);
        }
    }

    /** fail/cancellation: only the current card key can cancel a renewal. */
    static void cancelledByCurrentKey(
            X509Certificate currentAuthentication, String renewalId, String challenge, byte[] signature, long cardId) {
        if (!verifies(
                currentAuthentication.getPublicKey(), SignedMessages.cancellation(renewalId, challenge), signature)) {
            throw RenewalRefusal.of(
                            ErrorCode.PROOF_OF_POSSESSION_FAILED,
                            "cancellation signature does not verify with the current authentication key")
                    .forCard(cardId);
        }
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SignedMessages.SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
