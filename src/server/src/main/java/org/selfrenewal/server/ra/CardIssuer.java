package org.selfrenewal.server.ra;

import java.security.PublicKey;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.RevocationReason;

/**
 * Puts a card holder's first two credentials on a logged-in card: both key pairs generated on the card,
 * both certificates issued and recorded by the RA, written back and proven. On any failure the new keys
 * are removed and the certificates revoked, so nothing is left half-done.
 */
public final class CardIssuer {

    private final RegistrationAuthority registrationAuthority;

    private final AuditOrigin operator;

    public CardIssuer(RegistrationAuthority registrationAuthority) {
        this(registrationAuthority, AuditOrigin.processUser());
    }

    /** Issues cards as the work of {@code operator} (in the audit trail). */
    public CardIssuer(RegistrationAuthority registrationAuthority, AuditOrigin operator) {
        this.registrationAuthority = registrationAuthority;
        this.operator = operator;
    }

    public RegistrationAuthority.RegisteredCard issue(
            Card card, RegistrationAuthority.CardHolder holder, Instant notAfter) throws Exception {
        Map<CredentialPurpose, GeneratedKeyPair> keys = new EnumMap<>(CredentialPurpose.class);
        RegistrationAuthority.RegisteredCard registered = null;
        try {
            Map<CredentialPurpose, PublicKey> publicKeys = new EnumMap<>(CredentialPurpose.class);
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                GeneratedKeyPair pair = card.generateKeyPair(purpose);
                keys.put(purpose, pair);
                publicKeys.put(purpose, pair.publicKey());
            }
            registered = registrationAuthority.registerCard(
                    holder, card.describe().serialNumber(), publicKeys, notAfter, operator);
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                CardCredential credential = card.storeCertificate(keys.get(purpose), registered.certificate(purpose));
                card.proveKeyPair(credential);
            }
            return registered;
        } catch (Exception e) {
            for (GeneratedKeyPair pair : keys.values()) {
                try {
                    card.delete(pair);
                } catch (CardException ignored) {
                    // best effort: these keys were made by this attempt only
                }
            }
            if (registered != null) {
                registrationAuthority.revokeCard(
                        registered.cardId(),
                        RevocationReason.CARD_WITHDRAWN,
                        "card could not store its certificates",
                        operator);
            }
            throw e;
        }
    }
}
