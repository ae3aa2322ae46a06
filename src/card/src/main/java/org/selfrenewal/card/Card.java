package org.selfrenewal.card;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * One smartcard (PKCS#11 token), opened with {@link Pkcs11Card#open(TokenLocation)}. Everything the
 * self-renewal client and the RA need: read credentials, log in, create key pairs on the card, build
 * certification requests, store certificates, prove key pairs and delete credentials.
 *
 * <p>Not thread-safe. Closing logs out and releases the card.
 */
public interface Card extends AutoCloseable {

    /** Label, serial number, maker and passcode flags of the token. */
    TokenDescription describe() throws CardException;

    /**
     * The credentials (key + certificate with the same CKA_ID) on the card, authentication first.
     * Before login only certificates are visible, so every end-entity certificate with a CKA_ID is
     * listed; after login only certificates whose private key is present are listed.
     */
    List<CardCredential> credentials() throws CardException;

    /** True when the card holder is logged in to this card. */
    boolean isLoggedIn() throws CardException;

    /**
     * Logs in with the card holder's passcode. The passcode is neither stored nor logged; the caller
     * wipes the array afterwards.
     *
     * @throws WrongPasscodeException if the card rejected the passcode
     * @throws CardLockedException    if the card is locked (checked before trying)
     */
    void login(char[] passcode) throws CardException;

    /**
     * Changes the card holder's passcode on the card (PKCS#11 C_Login with the current one, then
     * C_SetPIN). Neither passcode is stored or logged; the caller wipes both arrays afterwards.
     *
     * <p>The card is <b>logged out</b> afterwards, whether the change worked or not (and any earlier
     * login in this process is ended first, so the current passcode is really checked): the card
     * holder logs in again with the passcode now in force, which proves the new passcode works
     * before anything else is done with it. The card's own length or character rules decide what
     * it accepts; the self-renewal policy (6-8 digits) is the caller's to check.
     *
     * @throws WrongPasscodeException     if the card rejected the current passcode (counts as a wrong try)
     * @throws CardLockedException        if the card is locked (checked before trying) or this try locked it
     * @throws PasscodeRejectedException  ({@link CardProblem#NEW_PASSCODE_REJECTED}) if the current passcode
     *                                    was right but the card refused the new one; the current one stays
     */
    void changePasscode(char[] current, char[] replacement) throws CardException;

    /** Signs {@code data} with SHA256withRSA using the key on the card. Needs login. */
    byte[] sign(CardKey key, byte[] data) throws CardException;

    /**
     * Generates an RSA-2048 key pair on the card: persistent, private, sensitive and not extractable,
     * with a fresh random CKA_ID and a label naming the purpose and date. Existing credentials are
     * left as they are. Needs login.
     */
    GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException;

    /** A PKCS#10 request for {@code subject}, signed on the card by the new key (SHA256withRSA). */
    PKCS10CertificationRequest createCertificationRequest(GeneratedKeyPair keyPair, X500Name subject)
            throws CardException;

    /**
     * Writes {@code certificate} next to its key (same CKA_ID and label).
     *
     * @throws CertificateKeyMismatchException if the certificate is for a different public key
     */
    CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate) throws CardException;

    /**
     * Signs fresh random data on the card and verifies the signature with the certificate's public
     * key in software.
     *
     * @throws CardOperationException if the card's key does not match the certificate
     */
    void proveKeyPair(CardCredential credential) throws CardException;

    /** Deletes private key, public key and certificate of the credential. Needs login. */
    void delete(CardCredential credential) throws CardException;

    /** Rolls back a generated key pair: private key, public key and certificate if already stored. */
    void delete(GeneratedKeyPair keyPair) throws CardException;

    /**
     * Private keys on the card that have no certificate with their CKA_ID: what an interrupted key generation
     * or renewal leaves behind. Needs login.
     */
    List<CardKey> keysWithoutCertificate() throws CardException;

    /**
     * Deletes every key and certificate object with this CKA_ID (lower-case hex), for half-written credentials
     * found after an interrupted run; nothing there is not an error. Needs login.
     */
    void deleteObjects(String id) throws CardException;

    /** Logs out and releases the card. */
    @Override
    void close();
}
