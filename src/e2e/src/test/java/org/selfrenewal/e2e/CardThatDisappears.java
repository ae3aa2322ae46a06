package org.selfrenewal.e2e;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
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
 * A real SoftHSM2 card that is pulled out after its n-th operation: once armed, every card call is counted
 * (and named, so a clean run lists the card steps a renewal has); after the n-th completes, the token session
 * is closed and every further call fails as a removed card does. What the first n calls did stays on the token.
 */
final class CardThatDisappears implements Card {

    private final Card card;
    private final List<String> calls = new ArrayList<>();
    private boolean armed;
    private int removeAfter = Integer.MAX_VALUE;
    private boolean removed;

    CardThatDisappears(Card card) {
        this.card = card;
    }

    /** From now on calls are counted; the card disappears after {@code n} more (MAX_VALUE: never). */
    void arm(int n) {
        armed = true;
        removeAfter = n;
        calls.clear();
    }

    /** The calls made since armed, each named by operation (and purpose where it has one). */
    List<String> calls() {
        return List.copyOf(calls);
    }

    boolean removed() {
        return removed;
    }

    private void before(String call) throws CardException {
        if (removed) {
            throw new CardOperationException("the card was removed (fault injected before " + call + ")");
        }
    }

    private void after(String call) {
        if (!armed) {
            return;
        }
        calls.add(call);
        if (calls.size() >= removeAfter) {
            removed = true;
            card.close(); // the token session ends: nothing more reaches the card
        }
    }

    @Override
    public TokenDescription describe() throws CardException {
        before("describe");
        TokenDescription d = card.describe();
        after("describe");
        return d;
    }

    @Override
    public List<CardCredential> credentials() throws CardException {
        before("credentials");
        List<CardCredential> c = card.credentials();
        after("credentials");
        return c;
    }

    @Override
    public boolean isLoggedIn() throws CardException {
        before("isLoggedIn");
        boolean b = card.isLoggedIn();
        after("isLoggedIn");
        return b;
    }

    @Override
    public void login(char[] passcode) throws CardException {
        before("login");
        card.login(passcode);
        after("login");
    }

    @Override
    public void changePasscode(char[] current, char[] replacement) throws CardException {
        before("changePasscode");
        card.changePasscode(current, replacement);
        after("changePasscode");
    }

    @Override
    public byte[] sign(CardKey key, byte[] data) throws CardException {
        before("sign");
        byte[] s = card.sign(key, data);
        after("sign with " + key.label());
        return s;
    }

    @Override
    public GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException {
        before("generateKeyPair");
        GeneratedKeyPair k = card.generateKeyPair(purpose);
        after("generateKeyPair " + purpose);
        return k;
    }

    @Override
    public PKCS10CertificationRequest createCertificationRequest(GeneratedKeyPair keyPair, X500Name subject)
            throws CardException {
        before("createCertificationRequest");
        PKCS10CertificationRequest r = card.createCertificationRequest(keyPair, subject);
        after("createCertificationRequest " + keyPair.purpose());
        return r;
    }

    @Override
    public CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate) throws CardException {
        before("storeCertificate");
        CardCredential c = card.storeCertificate(keyPair, certificate);
        after("storeCertificate " + keyPair.purpose());
        return c;
    }

    @Override
    public void proveKeyPair(CardCredential credential) throws CardException {
        before("proveKeyPair");
        card.proveKeyPair(credential);
        after("proveKeyPair " + credential.purpose());
    }

    @Override
    public void delete(CardCredential credential) throws CardException {
        before("delete");
        card.delete(credential);
        after("delete old " + credential.purpose());
    }

    @Override
    public void delete(GeneratedKeyPair keyPair) throws CardException {
        before("delete");
        card.delete(keyPair);
        after("delete new " + keyPair.purpose());
    }

    @Override
    public List<CardKey> keysWithoutCertificate() throws CardException {
        before("keysWithoutCertificate");
        List<CardKey> k = card.keysWithoutCertificate();
        after("keysWithoutCertificate");
        return k;
    }

    @Override
    public void deleteObjects(String id) throws CardException {
        before("deleteObjects");
        card.deleteObjects(id);
        after("deleteObjects");
    }

    @Override
    public void close() {
        if (!removed) {
            card.close();
        }
    }
}
