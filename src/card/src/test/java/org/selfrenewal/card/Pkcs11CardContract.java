package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * Behaviour a card holder (or the RA) would notice, on a real PKCS#11 token per test. Each subclass runs it
 * on one PKCS#11 implementation (SoftHSM2; tpm2-pkcs11 on a software TPM) and says where they differ.
 */
abstract class Pkcs11CardContract {

    private static final Instant OLD_EXPIRY =
            Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final char[] NEW_PIN = "739154".toCharArray();
    private static final Instant NEW_EXPIRY =
            Instant.now().plus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** A new, empty token with {@link #userPin()}. */
    protected abstract TokenLocation newToken() throws Exception;

    /** The card holder's passcode of every new token. */
    protected abstract char[] userPin();

    /** Checks the maker and model the token reports. */
    protected abstract void assertMaker(TokenDescription description);

    /** What the token flags say after one wrong passcode. */
    protected abstract WrongPasscodeException.RemainingTries triesLeftAfterOneWrongPasscode();

    /**
     * The passcode lengths the card reports (CK_TOKEN_INFO), new passcodes outside them, and whether the
     * card refuses those (C_SetPIN: CKR_PIN_LEN_RANGE) or accepts them anyway.
     */
    protected abstract PasscodeLengths passcodeLengths();

    protected record PasscodeLengths(long min, long max, List<String> outside, boolean enforced) {}

    /** A fresh token holding an authentication and a signing credential, like an issued card. */
    private TokenLocation issuedCard() throws Exception {
        TokenLocation location = newToken();
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            CardSeeding.seed(card, OLD_EXPIRY);
        }
        return location;
    }

    @Test
    void describesTheToken() throws Exception {
        TokenLocation location = newToken();
        try (Card card = Pkcs11Card.open(location)) {
            TokenDescription d = card.describe();
            assertEquals(location.tokenLabel(), d.label());
            assertTrue(d.loginRequired());
            assertFalse(d.pinLocked() || d.pinFinalTry() || d.pinCountLow());
            assertFalse(d.serialNumber().isEmpty());
            assertMaker(d);
        }
    }

    @Test
    void listsCredentialsWithPurposeAndExpiryBeforeAndAfterLogin() throws Exception {
        TokenLocation location = issuedCard();
        try (Card card = Pkcs11Card.open(location)) {
            assertFalse(card.isLoggedIn());
            List<CardCredential> before = card.credentials();
            assertEquals(
                    List.of(CredentialPurpose.AUTHENTICATION, CredentialPurpose.SIGNING),
                    before.stream().map(CardCredential::purpose).toList());
            before.forEach(c -> assertEquals(OLD_EXPIRY, c.notAfter()));
            assertTrue(
                    before.get(0).label().startsWith("Authentication key "),
                    before.get(0).label());
            assertTrue(
                    before.get(1).label().startsWith("Signing key "),
                    before.get(1).label());

            card.login(userPin());
            assertTrue(card.isLoggedIn());
            assertEquals(before, card.credentials());
        }
    }

    @Test
    void wrongPasscodeIsExplainedAndTheRightOneWorksAfterwards() throws Exception {
        TokenLocation location = issuedCard();
        try (Card card = Pkcs11Card.open(location)) {
            WrongPasscodeException e =
                    assertThrows(WrongPasscodeException.class, () -> card.login("000000".toCharArray()));
            assertTrue(e.getMessage().startsWith("The passcode is not correct."), e.getMessage());
            assertTrue(e.getMessage().contains("locks"), e.getMessage());
            assertEquals(triesLeftAfterOneWrongPasscode(), e.remainingTries());
            assertFalse(card.isLoggedIn());
            assertThrows(NotLoggedInException.class, () -> card.generateKeyPair(CredentialPurpose.SIGNING));

            card.login(userPin());
            assertTrue(card.isLoggedIn());
            card.proveKeyPair(card.credentials().get(0));
        }
    }

    @Test
    void passcodeIsCheckedEvenIfTheTokenIsAlreadyLoggedIn() throws Exception {
        TokenLocation location = newToken();
        try (Card first = Pkcs11Card.open(location);
                Card second = Pkcs11Card.open(location)) {
            first.login(userPin());
            assertThrows(WrongPasscodeException.class, () -> second.login("999999".toCharArray()));
        }
    }

    @Test
    void generatedKeysAreOnTheCardSensitiveAndNotExtractableWithFreshIds() throws Exception {
        TokenLocation location = issuedCard();
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            List<CardCredential> old = card.credentials();
            GeneratedKeyPair auth = card.generateKeyPair(CredentialPurpose.AUTHENTICATION);
            GeneratedKeyPair sign = card.generateKeyPair(CredentialPurpose.SIGNING);

            Set<String> ids = Set.of(old.get(0).id(), old.get(1).id(), auth.id(), sign.id());
            assertEquals(4, ids.size(), "every key pair has its own CKA_ID");
            assertEquals(32, auth.id().length(), "16-byte CKA_ID");
            assertEquals(2048, ((RSAPublicKey) auth.publicKey()).getModulus().bitLength());
            assertTrue(sign.label().startsWith("Signing key "));

            for (GeneratedKeyPair pair : List.of(auth, sign)) {
                TokenObjects.KeyProtection p = card.privateKeyProtection(pair.id());
                assertEquals(new TokenObjects.KeyProtection(true, true, true, false, true, true), p);
                assertEquals(
                        new TokenObjects.KeyUsage(true, pair.purpose() == CredentialPurpose.AUTHENTICATION),
                        card.privateKeyUsage(pair.id()),
                        "only the authentication key may decrypt");
                assertEquals(2, card.credentialObjectCount(pair.id()), "private + public key object");
            }
            // The old credentials are untouched and still work.
            assertEquals(old, card.credentials());
            for (CardCredential c : old) {
                card.proveKeyPair(c);
            }
        }
        // Independent check with OpenSC's pkcs11-tool, in another process.
        Pkcs11Tool.requireInstalled();
        String listing = Pkcs11Tool.listObjects(location, userPin());
        List<Pkcs11Tool.ObjectEntry> privateKeys = Pkcs11Tool.parse(listing).stream()
                .filter(o -> o.type().startsWith("Private Key"))
                .toList();
        assertEquals(4, privateKeys.size(), listing);
        for (Pkcs11Tool.ObjectEntry key : privateKeys) {
            Set<String> access = key.access();
            assertTrue(access.contains("sensitive") && access.contains("never extractable"), key.toString());
            assertFalse(access.contains("extractable"), key.toString());
        }
    }

    @Test
    void generatedKeysSurviveGarbageCollectionAndReopening() throws Exception {
        TokenLocation location = newToken();
        String id;
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            id = card.generateKeyPair(CredentialPurpose.AUTHENTICATION).id();
            System.gc();
            Thread.sleep(100);
        }
        System.gc();
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            assertEquals(2, card.credentialObjectCount(id));
        }
    }

    @Test
    void certificationRequestIsSignedByTheNewCardKey() throws Exception {
        TokenLocation location = newToken();
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            GeneratedKeyPair pair = card.generateKeyPair(CredentialPurpose.SIGNING);
            PKCS10CertificationRequest csr = card.createCertificationRequest(pair, CardSeeding.HOLDER);
            assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pair.publicKey())));
            assertEquals(CardSeeding.HOLDER, csr.getSubject());
            assertEquals(pair.publicKey(), new JcaPKCS10CertificationRequest(csr).getPublicKey());
            assertEquals(
                    "1.2.840.113549.1.1.11",
                    csr.getSignatureAlgorithm().getAlgorithm().getId());
        }
    }

    @Test
    void refusesToStoreACertificateForAnotherKey() throws Exception {
        TokenLocation location = newToken();
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            GeneratedKeyPair pair = card.generateKeyPair(CredentialPurpose.AUTHENTICATION);
            X509Certificate foreign =
                    TestCa.issue(TestCa.foreignKey(), CardSeeding.HOLDER, CredentialPurpose.AUTHENTICATION, NEW_EXPIRY);
            CertificateKeyMismatchException e =
                    assertThrows(CertificateKeyMismatchException.class, () -> card.storeCertificate(pair, foreign));
            assertTrue(e.getMessage().contains("not stored"));
            assertEquals(2, card.credentialObjectCount(pair.id()), "no certificate object was written");
            assertTrue(card.credentials().isEmpty());
        }
    }

    @Test
    void deleteRemovesPrivateKeyPublicKeyAndCertificate() throws Exception {
        TokenLocation location = issuedCard();
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            CardCredential auth = card.credentials().get(0);
            assertEquals(3, card.credentialObjectCount(auth.id()));
            card.delete(auth);
            assertEquals(0, card.credentialObjectCount(auth.id()));
            assertEquals(
                    List.of(CredentialPurpose.SIGNING),
                    card.credentials().stream().map(CardCredential::purpose).toList());
            assertThrows(CardOperationException.class, () -> card.sign(auth, new byte[] {1}));
        }
    }

    @Test
    void rollbackOfAGeneratedPairRemovesItAndItsCertificate() throws Exception {
        TokenLocation location = issuedCard();
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            List<CardCredential> old = card.credentials();
            GeneratedKeyPair pair = card.generateKeyPair(CredentialPurpose.SIGNING);
            card.storeCertificate(
                    pair, TestCa.issue(pair.publicKey(), CardSeeding.HOLDER, CredentialPurpose.SIGNING, NEW_EXPIRY));
            assertEquals(3, card.credentials().size());
            card.delete(pair);
            assertEquals(0, card.credentialObjectCount(pair.id()));
            assertEquals(old, card.credentials());
            assertThrows(CardOperationException.class, () -> card.createCertificationRequest(pair, CardSeeding.HOLDER));
        }
    }

    @Test
    void renewInPlaceLeavesExactlyTheTwoNewCredentials() throws Exception {
        TokenLocation location = issuedCard();
        List<CardCredential> renewed;
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            List<CardCredential> old = card.credentials();
            assertEquals(2, old.size());

            List<CardCredential> stored = new ArrayList<>();
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                GeneratedKeyPair pair = card.generateKeyPair(purpose);
                PKCS10CertificationRequest csr = card.createCertificationRequest(pair, CardSeeding.HOLDER);
                X509Certificate issued = TestCa.issue(
                        new JcaPKCS10CertificationRequest(csr).getPublicKey(), csr.getSubject(), purpose, NEW_EXPIRY);
                CardCredential credential = card.storeCertificate(pair, issued);
                assertEquals(purpose, credential.purpose());
                stored.add(credential);
            }
            for (CardCredential c : stored) {
                card.proveKeyPair(c);
            }
            for (CardCredential c : old) {
                card.delete(c);
            }
            renewed = card.credentials();
            assertEquals(stored, renewed);
        }
        try (Card card = Pkcs11Card.open(location)) {
            List<CardCredential> afterReopen = card.credentials();
            assertEquals(renewed, afterReopen);
            assertEquals(
                    Set.of(NEW_EXPIRY),
                    afterReopen.stream().map(CardCredential::notAfter).collect(Collectors.toSet()));
            card.login(userPin());
            assertEquals(renewed, card.credentials());
            for (CardCredential c : card.credentials()) {
                card.proveKeyPair(c); // signs through the JDK key store this time
            }
        }
    }

    @Test
    void signatureFromTheCardVerifiesWithTheCertificate() throws Exception {
        TokenLocation location = issuedCard();
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            CardCredential c = card.credentials().get(1);
            byte[] data = "prescription".getBytes();
            byte[] sig = card.sign(c, data);
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(c.certificate());
            v.update(data);
            assertTrue(v.verify(sig));
            assertNotEquals(0, sig.length);
            assertArrayEquals(sig, card.sign(c, data), "PKCS#1 v1.5 is deterministic");
        }
    }

    @Test
    void changedPasscodeIsTheOnlyOneThatWorksAfterwards() throws Exception {
        TokenLocation location = newToken();
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            card.changePasscode(userPin(), NEW_PIN);
            assertFalse(card.isLoggedIn(), "a change leaves the card logged out");
            assertThrows(NotLoggedInException.class, () -> card.generateKeyPair(CredentialPurpose.SIGNING));
            card.login(NEW_PIN);
            assertTrue(card.isLoggedIn());
        }
        try (Card card = Pkcs11Card.open(location)) {
            assertThrows(WrongPasscodeException.class, () -> card.login(userPin()));
            card.login(NEW_PIN);
            assertTrue(card.isLoggedIn());
        }
    }

    @Test
    void wrongCurrentPasscodeChangesNothing() throws Exception {
        TokenLocation location = newToken();
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            WrongPasscodeException e = assertThrows(
                    WrongPasscodeException.class, () -> card.changePasscode("000000".toCharArray(), NEW_PIN));
            assertEquals(CardProblem.WRONG_PASSCODE, e.problem());
            assertFalse(card.isLoggedIn(), "the earlier login is ended so that the current passcode is checked");
            card.login(userPin());
            assertTrue(card.isLoggedIn());
        }
    }

    @Test
    void newPasscodeOutsideTheReportedLengthsIsRefusedOnlyIfTheCardEnforcesThem() throws Exception {
        PasscodeLengths lengths = passcodeLengths();
        try (Card card = Pkcs11Card.open(newToken())) {
            for (String outside : lengths.outside()) {
                char[] passcode = outside.toCharArray();
                if (!lengths.enforced()) {
                    card.changePasscode(userPin(), passcode);
                    card.login(passcode);
                    card.changePasscode(passcode, userPin());
                    continue;
                }
                PasscodeRejectedException e =
                        assertThrows(PasscodeRejectedException.class, () -> card.changePasscode(userPin(), passcode));
                assertEquals(CardProblem.NEW_PASSCODE_REJECTED, e.problem());
                assertEquals(lengths.min(), e.minLength());
                assertEquals(lengths.max(), e.maxLength());
                assertTrue(
                        e.getMessage().contains(lengths.min() + " to " + lengths.max() + " characters"),
                        e.getMessage());
                assertFalse(card.isLoggedIn());
            }
            assertFalse(card.describe().pinCountLow(), "a refused new passcode is not a wrong try");
            card.login(userPin());
            assertTrue(card.isLoggedIn());
        }
    }

    @Test
    void passcodesNeverReachTheLogsOrTheMessages() throws Exception {
        char[] current = "531870".toCharArray();
        char[] wrong = "480317".toCharArray();
        PasscodeLengths lengths = passcodeLengths();
        char[] refused = lengths.enforced() ? lengths.outside().get(0).toCharArray() : new char[0];
        TokenLocation location = newToken();
        List<String> texts = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs();
                Card card = Pkcs11Card.open(location)) {
            card.changePasscode(userPin(), current);
            texts.addAll(
                    messages(assertThrows(WrongPasscodeException.class, () -> card.changePasscode(wrong, NEW_PIN))));
            if (refused.length > 0) {
                texts.addAll(messages(
                        assertThrows(PasscodeRejectedException.class, () -> card.changePasscode(current, refused))));
            }
            texts.addAll(messages(assertThrows(WrongPasscodeException.class, () -> card.login(wrong))));
            card.changePasscode(current, NEW_PIN);
            card.login(NEW_PIN);
            texts.addAll(logs.lines());
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("Changed the passcode")), String.join("\n", texts));
        assertTrue(texts.stream().anyMatch(t -> t.contains("C_SetPIN")), "ipkcs11wrapper's trace is captured too");
        for (char[] passcode : List.of(userPin(), current, wrong, refused, NEW_PIN)) {
            String secret = new String(passcode);
            if (secret.isEmpty()) {
                continue;
            }
            texts.forEach(t -> assertFalse(t.contains(secret), t));
        }
    }

    private static List<String> messages(Throwable failure) {
        List<String> result = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            result.add(String.valueOf(t.getMessage()));
        }
        return result;
    }
}
