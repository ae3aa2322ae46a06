package org.selfrenewal.client;

import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardKey;
import org.selfrenewal.card.CardOperationException;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * A real card (SoftHSM2) whose chosen operation fails on its n-th call, the way a card pulled out or a
 * middleware error would: everything else reaches the real token, so what is left on it is real.
 */
final class FaultyCard implements Card {

    /** The card operations a fault can be put on. */
    enum Operation {
        GENERATE_KEY_PAIR,
        STORE_CERTIFICATE,
        SIGN
    }

    private final Card card;
    private final Map<Operation, Integer> failOnCall = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);

    FaultyCard(Card card) {
        this.card = card;
    }

    /** The {@code n}-th call of {@code operation} (1-based) fails. */
    FaultyCard failOn(Operation operation, int n) {
        failOnCall.put(operation, n);
        return this;
    }

    private void maybeFail(Operation operation) throws CardException {
        int n = calls.merge(operation, 1, Integer::sum);
        if (failOnCall.getOrDefault(operation, 0) == n) {
            throw new CardOperationException("fault injected into " + operation + " call " + n);
        }
    }

    @Override
    public TokenDescription describe() throws CardException {
        return card.describe();
    }

    @Override
    public List<CardCredential> credentials() throws CardException {
        return card.credentials();
    }

    @Override
    public boolean isLoggedIn() throws CardException {
        return card.isLoggedIn();
    }

    @Override
    public void login(char[] passcode) throws CardException {
        card.login(passcode);
    }

    @Override
    public void changePasscode(char[] current, char[] replacement) throws CardException {
        card.changePasscode(current, replacement);
    }

    @Override
    public byte[] sign(CardKey key, byte[] data) throws CardException {
        maybeFail(Operation.SIGN);
        return card.sign(key, data);
    }

    @Override
    public GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException {
        maybeFail(Operation.GENERATE_KEY_PAIR);
        return card.generateKeyPair(purpose);
    }

    @Override
    public PKCS10CertificationRequest createCertificationRequest(GeneratedKeyPair keyPair, X500Name subject)
            throws CardException {
        return card.createCertificationRequest(keyPair, subject);
    }

    @Override
    public CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate) throws CardException {
        maybeFail(Operation.STORE_CERTIFICATE);
        return card.storeCertificate(keyPair, certificate);
    }

    @Override
    public void proveKeyPair(CardCredential credential) throws CardException {
        card.proveKeyPair(credential);
    }

    @Override
    public void delete(CardCredential credential) throws CardException {
        card.delete(credential);
    }

    @Override
    public void delete(GeneratedKeyPair keyPair) throws CardException {
        card.delete(keyPair);
    }

    @Override
    public List<CardKey> keysWithoutCertificate() throws CardException {
        return card.keysWithoutCertificate();
    }

    @Override
    public void deleteObjects(String id) throws CardException {
        card.deleteObjects(id);
    }

    @Override
    public void close() {
        card.close();
    }
}
