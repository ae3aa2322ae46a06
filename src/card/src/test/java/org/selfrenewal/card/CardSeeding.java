package org.selfrenewal.card;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.selfrenewal.protocol.CredentialPurpose;

/** Puts an authentication and a signing credential on a logged-in card, as the RA would. */
public final class CardSeeding {

    public static final X500Name HOLDER = new X500Name("CN=Alex Example,O=NHS,UID=555000111222");

    private CardSeeding() {}

    public static List<CardCredential> seed(Card card, Instant notAfter) throws Exception {
        List<CardCredential> result = new ArrayList<>();
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            GeneratedKeyPair pair = card.generateKeyPair(purpose);
            result.add(card.storeCertificate(pair, TestCa.issue(pair.publicKey(), HOLDER, purpose, notAfter)));
        }
        return result;
    }
}
