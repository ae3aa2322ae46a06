package org.selfrenewal.e2e;

import java.security.cert.X509Certificate;
import java.time.Duration;
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

/**
 * The benchmark's stand-in for a real card's slowness: SoftHSM2 makes an RSA-2048 key in ~0.1-0.5 s, a real
 * smartcard in 2-10 s. Each key generation waits {@code delay} more, inside the card call. Bench only: no
 * production code path uses it.
 */
final class SlowCard implements Card {

    /** Seconds (decimal) each key generation of the bench's cards waits on top of SoftHSM2's own time. */
    static final String DELAY_PROPERTY = "selfrenewal.bench.keyGenerationDelaySeconds";

    private final Card card;
    private final Duration delay;

    SlowCard(Card card, Duration delay) {
        this.card = card;
        this.delay = delay;
    }

    /** The delay {@value #DELAY_PROPERTY} asks for (0 when unset). */
    static Duration configuredDelay() {
        double seconds = Double.parseDouble(System.getProperty(DELAY_PROPERTY, "0"));
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Override
    public GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return card.generateKeyPair(purpose);
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
        return card.sign(key, data);
    }

    @Override
    public PKCS10CertificationRequest createCertificationRequest(GeneratedKeyPair keyPair, X500Name subject)
            throws CardException {
        return card.createCertificationRequest(keyPair, subject);
    }

    @Override
    public CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate) throws CardException {
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
