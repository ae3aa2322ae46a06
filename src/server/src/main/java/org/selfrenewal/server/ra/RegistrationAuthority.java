package org.selfrenewal.server.ra;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.CertificateProfile;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.selfrenewal.ca.IssueRequest;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CardRepository;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRecords;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.selfrenewal.server.persistence.RevocationReason;
import org.selfrenewal.server.persistence.StateTransitions;
import org.selfrenewal.server.renewal.RenewalCancellation;

/**
 * What a registration authority does in person: register a card holder's card and issue its first two
 * certificates, or revoke a card's certificates.
 */
public final class RegistrationAuthority {

    private final Database database;
    private final CaHierarchy ca;
    private final Clock clock;
    private final CardRepository cards = new CardRepository();
    private final CertificateRepository certificates = new CertificateRepository();
    private final AuditTrail audit = new AuditTrail();
    private final RenewalRepository renewals = new RenewalRepository();
    private final StateTransitions transitions = new StateTransitions();
    private final RenewalCancellation cancellation = new RenewalCancellation();

    public RegistrationAuthority(Database database, CaHierarchy ca, Clock clock) {
        this.database = database;
        this.ca = ca;
        this.clock = clock;
    }

    /** A card holder as the RA knows them. */
    public record CardHolder(String name, String userId) {}

    /** The outcome of registering a card: its id and its two certificates. */
    public record RegisteredCard(long cardId, Map<CredentialPurpose, X509Certificate> certificates) {
        public RegisteredCard {
            certificates = Map.copyOf(certificates);
        }

        public X509Certificate certificate(CredentialPurpose purpose) {
            return certificates.get(purpose);
        }
    }

    /** The subject every certificate of this holder's card carries. */
    public static X500Name subjectOf(CardHolder holder) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, DevelopmentHierarchy.COUNTRY)
                .addRDN(BCStyle.O, DevelopmentHierarchy.ORGANISATION)
                .addRDN(BCStyle.SERIALNUMBER, holder.userId())
                .addRDN(BCStyle.CN, holder.name())
                .build();
    }

    /**
     * Issues the card's first two certificates, expiring at {@code notAfter} and notionally issued two
     * years before it, and records the card. Nothing is recorded if issuing fails.
     */
    public RegisteredCard registerCard(
            CardHolder holder, String tokenSerial, Map<CredentialPurpose, PublicKey> keys, Instant notAfter)
            throws IssuanceRefusedException {
        return registerCard(holder, tokenSerial, keys, notAfter, AuditOrigin.processUser());
    }

    /** As above, audited as the work of {@code operator}. */
    public RegisteredCard registerCard(
            CardHolder holder,
            String tokenSerial,
            Map<CredentialPurpose, PublicKey> keys,
            Instant notAfter,
            AuditOrigin operator)
            throws IssuanceRefusedException {
        Instant now = clock.instant();
        Instant notBefore = notAfter.atZone(ZoneOffset.UTC)
                .minus(CertificateProfile.DEFAULT_VALIDITY)
                .toInstant();
        if (notBefore.isAfter(now)) {
            notBefore = now;
        }
        Map<CredentialPurpose, X509Certificate> issued = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            issued.put(
                    purpose,
                    ca.issue(IssueRequest.forPurpose(purpose)
                            .subject(subjectOf(holder))
                            .publicKey(keys.get(purpose))
                            .validFrom(notBefore)
                            .validUntil(notAfter)));
        }
        long cardId = database.inTransaction(c -> {
            long id = cards.insert(c, holder.name(), holder.userId(), tokenSerial, now);
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                certificates.insert(
                        c,
                        CertificateRecords.newCertificate(id, purpose, issued.get(purpose), null),
                        CertificateStatus.CURRENT,
                        now);
            }
            audit.record(
                    c,
                    new AuditTrail.Event(
                            now,
                            AuditEventType.CARD_ISSUED,
                            AuditTrail.Outcome.OK,
                            id,
                            null,
                            operator,
                            "holder " + holder.userId() + ", expires " + notAfter));
            return id;
        });
        return new RegisteredCard(cardId, issued);
    }

    /**
     * Revokes every certificate of the card that is still current, and cancels the card's open renewal
     * (revoking what it issued), all in one transaction under the card's lock: a renewal racing with the
     * revocation either finished before it (and its new certificates are revoked) or finds the card revoked.
     */
    public int revokeCard(long cardId, String reason) {
        return revokeCard(cardId, RevocationReason.CARD_WITHDRAWN, reason);
    }

    /** As {@link #revokeCard(long, String)} with an RFC 5280 reason. */
    public int revokeCard(long cardId, RevocationReason why, String reason) {
        return revokeCard(cardId, why, reason, AuditOrigin.processUser());
    }

    /** As above, audited as the work of {@code operator}. */
    public int revokeCard(long cardId, RevocationReason why, String reason, AuditOrigin operator) {
        return database.inTransaction(c -> {
            if (!cards.lock(c, cardId)) {
                throw new IllegalArgumentException("no card " + cardId);
            }
            Instant now = clock.instant();
            int revoked = 0;
            for (RenewalRecord open : renewals.findOpenByCard(c, cardId)) {
                cancellation.cancel(c, open, "card revoked by the RA", now, operator);
                revoked += open.newAuthenticationCertId() != null ? 2 : 0;
            }
            for (CertificateRecord record : certificates.findByCard(c, cardId)) {
                if (record.status() == CertificateStatus.CURRENT) {
                    transitions.currentToRevoked(c, record.id(), why, now);
                    revoked++;
                }
            }
            audit.record(
                    c,
                    new AuditTrail.Event(
                            now,
                            AuditEventType.CARD_REVOKED,
                            AuditTrail.Outcome.OK,
                            cardId,
                            null,
                            operator,
                            revoked + " certificates revoked (" + why + "): " + reason));
            return revoked;
        });
    }
}
