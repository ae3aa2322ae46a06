package org.selfrenewal.card;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_LOGIN_REQUIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * A {@link Card} reached through PKCS#11. Cryptography (login, key generation, signing) goes through
 * the JDK's SunPKCS11 provider; object management by CKA_ID (listing certificates, writing a
 * certificate, deleting key and certificate objects) and token flags go through ipkcs11wrapper on the
 * same native library.
 */
public final class Pkcs11Card implements Card {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Card.class);
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final int RSA_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenLocation location;
    private final Slot slot;
    private final Session session;
    private final TokenObjects objects;
    private final Provider provider;
    private final Map<String, GeneratedKeyPair> generated = new HashMap<>();
    private final Map<String, PrivateKey> keyStoreKeys = new HashMap<>();
    private KeyStore keyStore;
    private boolean loggedInHere;
    private boolean closed;

    private Pkcs11Card(TokenLocation location, Slot slot, Session session, Provider provider) {
        this.location = location;
        this.slot = slot;
        this.session = session;
        this.objects = new TokenObjects(session);
        this.provider = provider;
    }

    /**
     * Opens the card at {@code location}.
     *
     * @throws CardNotFoundException if the library is missing or there is no such token
     */
    public static Pkcs11Card open(TokenLocation location) throws CardException {
        PKCS11Module module = Pkcs11Modules.get(location.library());
        Slot slot = SlotResolver.resolve(module, location);
        Session session;
        try {
            session = slot.getToken().openSession(true);
        } catch (PKCS11Exception e) {
            throw new CardNotFoundException("could not open a session with the card at " + location.spec(), e);
        }
        try {
            Provider provider = SunPkcs11Providers.forSlot(location.library(), slot.getSlotID());
            LOG.debug("Opened card at {} (slot {})", location, slot.getSlotID());
            return new Pkcs11Card(location, slot, session, provider);
        } catch (CardException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public synchronized TokenDescription describe() throws CardException {
        requireOpen();
        try {
            TokenInfo info = slot.getToken().getTokenInfo();
            return new TokenDescription(
                    SlotResolver.trimmedLabel(info),
                    trim(info.getSerialNumber()),
                    trim(info.getManufacturerID()),
                    trim(info.getModel()),
                    info.hasFlagBit(CKF_LOGIN_REQUIRED),
                    info.hasFlagBit(CKF_USER_PIN_COUNT_LOW),
                    info.hasFlagBit(CKF_USER_PIN_FINAL_TRY),
                    info.hasFlagBit(CKF_USER_PIN_LOCKED));
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    @Override
    public synchronized List<CardCredential> credentials() throws CardException {
        requireOpen();
        try {
            boolean loggedIn = isLoggedIn();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<CardCredential> result = new ArrayList<>();
            for (TokenObjects.StoredCertificate stored : objects.certificates()) {
                X509Certificate certificate = parse(factory, stored);
                if (certificate == null || certificate.getBasicConstraints() >= 0) {
                    continue; // unreadable, or a CA certificate
                }
                if (loggedIn && !objects.hasPrivateKey(stored.id())) {
                    continue; // a certificate without its key is not a credential
                }
                result.add(CardCredential.of(KeyIds.hex(stored.id()), stored.label(), certificate));
            }
            result.sort(Comparator.comparing(CardCredential::purpose).thenComparing(CardCredential::notAfter));
            return Collections.unmodifiableList(result);
        } catch (PKCS11Exception | GeneralSecurityException e) {
            throw readFailure(e);
        }
    }

    @Override
    public synchronized boolean isLoggedIn() throws CardException {
        requireOpen();
        try {
            long state = session.getSessionInfo().getState();
            return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    @Override
    public synchronized void login(char[] passcode) throws CardException {
        requireOpen();
        if (describe().pinLocked()) {
            throw new CardLockedException(null);
        }
        if (isLoggedIn()) {
            // Login state is shared by the whole process; log out so that this passcode is really checked.
            logoutQuietly();
        }
        long start = System.nanoTime();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, passcode);
            keyStore = ks;
            keyStoreKeys.clear();
            loggedInHere = true;
            LOG.info("Logged in to card '{}' in {} ms", location.value(), millisSince(start));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw loginFailure(e);
        }
    }

    private CardException loginFailure(Exception e) {
        switch (LoginFailures.classify(e)) {
            case LOCKED:
                LOG.warn("Login refused: card '{}' is locked", location.value());
                return new CardLockedException(e);
            case WRONG_PASSCODE:
                TokenDescription after = describeOrNull();
                if (after != null && after.pinLocked()) {
                    LOG.warn("Wrong passcode locked card '{}'", location.value());
                    return new CardLockedException(e);
                }
                LOG.info(
                        "Wrong passcode for card '{}' (token flags: countLow={}, finalTry={})",
                        location.value(),
                        after != null && after.pinCountLow(),
                        after != null && after.pinFinalTry());
                return new WrongPasscodeException(LoginFailures.remainingTries(after), e);
            default:
                LOG.warn("Login to card '{}' failed: {}", location.value(), e.toString());
                return new CardOperationException(
                        "Your smartcard did not accept the login. Remove and re-insert" + " the card, then try again.",
                        e);
        }
    }

    @Override
    public synchronized void changePasscode(char[] current, char[] replacement) throws CardException {
        requireOpen();
        if (describe().pinLocked()) {
            throw new CardLockedException(null);
        }
        // Start from a clean state so that the current passcode is really checked by C_Login.
        forgetLogin();
        long start = System.nanoTime();
        try {
            session.login(CKU_USER, current);
        } catch (PKCS11Exception e) {
            throw loginFailure(e);
        }
        try {
            session.setPIN(current, replacement);
            LOG.info("Changed the passcode of card '{}' in {} ms", location.value(), millisSince(start));
        } catch (PKCS11Exception e) {
            throw passcodeChangeFailure(e);
        } finally {
            forgetLogin();
        }
    }

    private CardException passcodeChangeFailure(PKCS11Exception e) {
        switch (LoginFailures.classifyPinChange(e)) {
            case NEW_PASSCODE_REJECTED:
                LOG.info("Card '{}' refused the new passcode ({})", location.value(), e.getErrorName());
                return passcodeRejected(e);
            case WRONG_PASSCODE:
            case LOCKED:
                return loginFailure(e);
            default:
                LOG.warn("Changing the passcode of card '{}' failed: {}", location.value(), e.getErrorName());
                return new CardOperationException(
                        "The passcode could not be changed on your smartcard; the"
                                + " current passcode is unchanged. Remove and re-insert the card, then try again.",
                        e);
        }
    }

    private PasscodeRejectedException passcodeRejected(PKCS11Exception cause) {
        try {
            TokenInfo info = slot.getToken().getTokenInfo();
            return new PasscodeRejectedException(info.getMinPinLen(), info.getMaxPinLen(), cause);
        } catch (PKCS11Exception unreadable) {
            return new PasscodeRejectedException(-1, -1, cause);
        }
    }

    @Override
    public synchronized byte[] sign(CardKey key, byte[] data) throws CardException {
        requireLoggedIn();
        GeneratedKeyPair pair = generated.get(key.id());
        PrivateKey privateKey = pair != null ? pair.privateKeyHandle() : keyStoreKey(key.id());
        Provider signer = pair != null ? pair.provider() : provider;
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM, signer);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CardOperationException(
                    "Your smartcard could not sign. Remove and re-insert the card, then" + " try again.", e);
        }
    }

    @Override
    public synchronized GeneratedKeyPair generateKeyPair(CredentialPurpose purpose) throws CardException {
        requireLoggedIn();
        long start = System.nanoTime();
        byte[] id = KeyIds.newId();
        String label = labelFor(purpose);
        try {
            if (!objects.credentialObjects(id).isEmpty()) {
                id = KeyIds.newId(); // a 2^-120 event; one retry is plenty
            }
            Provider generator =
                    SunPkcs11Providers.forKeyGeneration(location.library(), slot.getSlotID(), id, label, purpose);
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA", generator);
            kpg.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4));
            KeyPair keyPair = kpg.generateKeyPair();
            if (!objects.hasPrivateKey(id) || !objects.hasPublicKey(id)) {
                destroyQuietly(id);
                throw new CardOperationException("Your smartcard did not keep the new key. Remove and re-insert"
                        + " the card, then start the renewal again.");
            }
            GeneratedKeyPair pair = new GeneratedKeyPair(
                    KeyIds.hex(id), label, purpose, keyPair.getPublic(), keyPair.getPrivate(), generator);
            generated.put(pair.id(), pair);
            LOG.info(
                    "Generated {} key pair {} on card '{}' in {} ms",
                    purpose.plainName(),
                    pair.id(),
                    location.value(),
                    millisSince(start));
            return pair;
        } catch (PKCS11Exception | GeneralSecurityException | RuntimeException e) {
            destroyQuietly(id);
            throw new CardOperationException(
                    "A new " + purpose.plainName() + " key could not be created on your"
                            + " smartcard. Your current certificates are unchanged. Try again later.",
                    e);
        }
    }

    @Override
    public synchronized PKCS10CertificationRequest createCertificationRequest(
            GeneratedKeyPair keyPair, X500Name subject) throws CardException {
        requireLoggedIn();
        requireGeneratedHere(keyPair);
        long start = System.nanoTime();
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.publicKey())
                    .build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                            .setProvider(keyPair.provider())
                            .build(keyPair.privateKeyHandle()));
            LOG.info("Built certificate request for {} in {} ms", keyPair.id(), millisSince(start));
            return request;
        } catch (OperatorCreationException | RuntimeException e) {
            throw new CardOperationException(
                    "Your smartcard could not sign the certificate request. Remove and"
                            + " re-insert the card, then start the renewal again.",
                    e);
        }
    }

    @Override
    public synchronized CardCredential storeCertificate(GeneratedKeyPair keyPair, X509Certificate certificate)
            throws CardException {
        requireLoggedIn();
        if (!samePublicKey(certificate.getPublicKey(), keyPair.publicKey())) {
            throw new CertificateKeyMismatchException();
        }
        long start = System.nanoTime();
        byte[] id = KeyIds.fromHex(keyPair.id());
        try {
            if (!objects.hasPrivateKey(id)) {
                throw new CardOperationException("The new key is no longer on your smartcard, so its certificate"
                        + " was not stored. Start the renewal again.");
            }
            objects.destroyCertificates(id);
            objects.writeCertificate(id, keyPair.label(), certificate);
            keyStoreKeys.clear();
            CardCredential credential = CardCredential.of(keyPair.id(), keyPair.label(), certificate);
            LOG.info(
                    "Stored certificate for {} on card '{}' in {} ms",
                    keyPair.id(),
                    location.value(),
                    millisSince(start));
            return credential;
        } catch (PKCS11Exception | GeneralSecurityException | IOException e) {
            throw new CardOperationException(
                    "Your new certificate could not be written to your smartcard. Remove"
                            + " and re-insert the card, then start the renewal again.",
                    e);
        }
    }

    @Override
    public void proveKeyPair(CardCredential credential) throws CardException {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        byte[] signature = sign(credential, challenge);
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(credential.certificate().getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                LOG.info("Proved {} credential {}", credential.purpose().plainName(), credential.id());
                return;
            }
        } catch (GeneralSecurityException e) {
            throw proofFailed(credential, e);
        }
        throw proofFailed(credential, null);
    }

    private static CardOperationException proofFailed(CardCredential credential, Exception cause) {
        return new CardOperationException(
                "The " + credential.purpose().plainName() + " key on your smartcard does"
                        + " not match its certificate. Contact your Registration Authority.",
                cause);
    }

    @Override
    public synchronized void delete(CardCredential credential) throws CardException {
        deleteCredentialObjects(credential.id());
    }

    @Override
    public synchronized void delete(GeneratedKeyPair keyPair) throws CardException {
        deleteCredentialObjects(keyPair.id());
        generated.remove(keyPair.id());
    }

    @Override
    public synchronized List<CardKey> keysWithoutCertificate() throws CardException {
        requireLoggedIn();
        try {
            List<CardKey> result = new ArrayList<>();
            for (TokenObjects.StoredKey key : objects.privateKeys()) {
                if (!objects.hasCertificate(key.id())) {
                    result.add(new KeyOnly(KeyIds.hex(key.id()), key.label()));
                }
            }
            return Collections.unmodifiableList(result);
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    @Override
    public synchronized void deleteObjects(String idHex) throws CardException {
        if (!idHex.matches("[0-9a-f]{2,128}")) {
            throw new IllegalArgumentException("not a CKA_ID in lower-case hex");
        }
        deleteCredentialObjects(idHex);
        generated.remove(idHex);
    }

    /** A private key on the card found by listing, with no certificate. */
    private record KeyOnly(String id, String label) implements CardKey {}

    private void deleteCredentialObjects(String idHex) throws CardException {
        requireLoggedIn();
        long start = System.nanoTime();
        byte[] id = KeyIds.fromHex(idHex);
        try {
            int count = objects.destroyCredentialObjects(id);
            keyStoreKeys.clear();
            if (!objects.credentialObjects(id).isEmpty()) {
                throw new CardOperationException("Part of a credential could not be removed from your smartcard."
                        + " Remove and re-insert the card, then try again.");
            }
            LOG.info(
                    "Deleted {} objects with id {} from card '{}' in {} ms",
                    count,
                    idHex,
                    location.value(),
                    millisSince(start));
        } catch (PKCS11Exception e) {
            throw new CardOperationException(
                    "A credential could not be removed from your smartcard. Remove and"
                            + " re-insert the card, then try again.",
                    e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loggedInHere) {
            logoutQuietly();
        }
        generated.clear();
        keyStoreKeys.clear();
        keyStore = null;
        closeQuietly(session);
    }

    /** The protection attributes of the private key with this id, or null; for checks and tests. */
    synchronized TokenObjects.KeyProtection privateKeyProtection(String idHex) throws CardException {
        requireLoggedIn();
        try {
            return objects.privateKeyProtection(KeyIds.fromHex(idHex));
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    /** What the private key with this id may do, or null; for checks and tests. */
    synchronized TokenObjects.KeyUsage privateKeyUsage(String idHex) throws CardException {
        requireLoggedIn();
        try {
            return objects.privateKeyUsage(KeyIds.fromHex(idHex));
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    /** How many key and certificate objects with this id are visible; for checks and tests. */
    synchronized int credentialObjectCount(String idHex) throws CardException {
        requireOpen();
        try {
            return objects.credentialObjects(KeyIds.fromHex(idHex)).size();
        } catch (PKCS11Exception e) {
            throw readFailure(e);
        }
    }

    private PrivateKey keyStoreKey(String idHex) throws CardException {
        PrivateKey cached = keyStoreKeys.get(idHex);
        if (cached != null) {
            return cached;
        }
        try {
            byte[] id = KeyIds.fromHex(idHex);
            byte[] certificate = null;
            for (TokenObjects.StoredCertificate stored : objects.certificates()) {
                if (Arrays.equals(stored.id(), id)) {
                    certificate = stored.encoded();
                }
            }
            if (certificate != null) {
                keyStore.load(null, null); // refresh the alias map; the token is already logged in
                for (String alias : Collections.list(keyStore.aliases())) {
                    Certificate c = keyStore.isKeyEntry(alias) ? keyStore.getCertificate(alias) : null;
                    if (c != null && Arrays.equals(c.getEncoded(), certificate)) {
                        PrivateKey key = (PrivateKey) keyStore.getKey(alias, null);
                        keyStoreKeys.put(idHex, key);
                        return key;
                    }
                }
            }
        } catch (PKCS11Exception | GeneralSecurityException | IOException e) {
            throw readFailure(e);
        }
        throw new CardOperationException("That key is not on your smartcard any more. Start again.");
    }

    private static boolean samePublicKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey ra && b instanceof RSAPublicKey rb) {
            return ra.getModulus().equals(rb.getModulus())
                    && ra.getPublicExponent().equals(rb.getPublicExponent());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static String labelFor(CredentialPurpose purpose) {
        return KeyLabels.forNewKey(purpose, LocalDate.now());
    }

    private static X509Certificate parse(CertificateFactory factory, TokenObjects.StoredCertificate stored) {
        try {
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(stored.encoded()));
        } catch (GeneralSecurityException e) {
            LOG.warn("Skipping unreadable certificate object with id {}", KeyIds.hex(stored.id()));
            return null;
        }
    }

    private void requireGeneratedHere(GeneratedKeyPair keyPair) throws CardOperationException {
        if (generated.get(keyPair.id()) != keyPair) {
            throw new CardOperationException(
                    "That new key is not on this smartcard any more. Start the renewal" + " again.");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The card has been closed");
        }
    }

    private void requireLoggedIn() throws CardException {
        requireOpen();
        if (keyStore == null || !isLoggedIn()) {
            throw new NotLoggedInException();
        }
    }

    private TokenDescription describeOrNull() {
        try {
            return describe();
        } catch (CardException e) {
            return null;
        }
    }

    /** Logs out (the whole process: PKCS#11 login state is per application) and drops the key store. */
    private void forgetLogin() {
        logoutQuietly();
        keyStore = null;
        keyStoreKeys.clear();
        loggedInHere = false;
    }

    private void logoutQuietly() {
        try {
            session.logout();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_NOT_LOGGED_IN) {
                LOG.debug("Logout failed: {}", e.getErrorName());
            }
        }
    }

    private void destroyQuietly(byte[] id) {
        try {
            objects.destroyCredentialObjects(id);
        } catch (PKCS11Exception | RuntimeException e) {
            LOG.warn("Could not remove a half-made key {}: {}", KeyIds.hex(id), e.toString());
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception e) {
            LOG.debug("Closing session failed: {}", e.getErrorName());
        }
    }

    private static CardOperationException readFailure(Exception e) {
        return new CardOperationException(
                "Your smartcard could not be read. Remove and re-insert the card, then" + " try again.", e);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
