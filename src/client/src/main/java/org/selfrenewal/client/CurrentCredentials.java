package org.selfrenewal.client;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.protocol.CredentialPurpose;

/** The card's authentication and signing credentials in use: per purpose, the one expiring last. */
public record CurrentCredentials(CardCredential authentication, CardCredential signing) {

    /** Picks the current credentials, or explains what is missing. */
    public static CurrentCredentials of(List<CardCredential> all) throws CardNotReadyException {
        return new CurrentCredentials(
                latest(all, CredentialPurpose.AUTHENTICATION), latest(all, CredentialPurpose.SIGNING));
    }

    public List<CardCredential> both() {
        return List.of(authentication, signing);
    }

    private static CardCredential latest(List<CardCredential> all, CredentialPurpose purpose)
            throws CardNotReadyException {
        Optional<CardCredential> latest = all.stream()
                .filter(c -> c.purpose() == purpose)
                .max(Comparator.comparing(c -> c.certificate().getNotAfter()));
        if (latest.isEmpty()) {
            throw new CardNotReadyException(purpose);
        }
        return latest.get();
    }
}
