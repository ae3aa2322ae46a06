package org.selfrenewal.e2e;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardKey;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.protocol.CredentialPurpose;

/** A card that adds up the wall time spent inside each card operation (the token's share of a renewal). */
final class TokenTimedCard implements Card {

    private final Card card;
    private long nanosInToken;

    TokenTimedCard(Card card) {
        this.card = card;
    }

    long nanosInToken() {
        return nanosInToken;
    }

    @Override
    public TokenDescription describe() throws CardException {
        return timed(card::describe);
    }

    @Override
    public List<CardCredential> credentials() throws CardException {
        return timed(card::credentials);
    }

    @Override
    public boolean isLoggedIn() throws CardException {
        return timed(card::isLoggedIn);
    }

    @Override
    public void login(char[] passcode) throws CardException {
        timed(() -> {
            card.login(passcode);
            return null;
        });
    }

    @Override
    public void changePasscode(char[] current, char[] replacement) throws CardException {
        timed(() -> {
            card.changePasscode(current, replacement);
            return null;
        });
    }

    @Override
    public byte[] sign(CardKey key, byte[] data) throws CardException {
        return timed(() -> card.sign(key, data));
    }

    @Override
    public GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException {
        return timed(() -> card.generateKeyPair(purpose));
    }

    @Override
    public PKCS10CertificationRequest createCertificationRequest(GeneratedKeyPair keyPair, X500Name subject)
            throws CardException {
        return timed(() -> card.createCertificationRequest(keyPair, subject));
    }

    @Override
    public CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate) throws CardException {
        return timed(() -> card.storeCertificate(keyPair, certificate));
    }

    @Override
    public void proveKeyPair(CardCredential credential) throws CardException {
        timed(() -> {
            card.proveKeyPair(credential);
            return null;
        });
    }

    @Override
    public void delete(CardCredential credential) throws CardException {
        timed(() -> {
            card.delete(credential);
            return null;
        });
    }

    @Override
    public void delete(GeneratedKeyPair keyPair) throws CardException {
        timed(() -> {
            card.delete(keyPair);
            return null;
        });
    }

    @Override
    public List<CardKey> keysWithoutCertificate() throws CardException {
        return timed(card::keysWithoutCertificate);
    }

    @Override
    public void deleteObjects(String id) throws CardException {
        timed(() -> {
            card.deleteObjects(id);
            return null;
        });
    }

    @Override
    public void close() {
        card.close();
    }

    private <T> T timed(CardCall<T> call) throws CardException {
        long start = System.nanoTime();
        try {
            return call.run();
        } finally {
            nanosInToken += System.nanoTime() - start;
        }
    }

    @FunctionalInterface
    private interface CardCall<T> {
        T run() throws CardException;
    }
}
