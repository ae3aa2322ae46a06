package org.selfrenewal.server.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.persistence.AuditChain;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.RenewalPhase;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.selfrenewal.server.ra.RegistrationAuthority;

/**
 * The renewal core on a fresh embedded H2 database (a file, as the server's default) with the real CA:
 * cards with software keys registered through the RA, key requests and proofs signed with real keys, and
 * a clock the test moves.
 */
final class CoreRig implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static CaHierarchy ca;
    private static final List<KeyPair> KEYS = new ArrayList<>();

    final Path directory;
    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final Database database;
    final RenewalCore core;
    final RegistrationAuthority ra;
    final AuditOrigin origin = AuditOrigin.apiRequest("request-1", "192.0.2.7");
    private int nextKey;

    private CoreRig(Path directory, Database database) {
        this.directory = directory;
        this.database = database;
        this.core = new RenewalCore(database, new HierarchyCertificateIssuer(ca), clock, TIMEOUT);
        this.ra = new RegistrationAuthority(database, ca, clock);
    }

    static synchronized CoreRig open() throws Exception {
        if (ca == null) {
            Path caDirectory = Files.createTempDirectory("core-ca");
            ca = DevelopmentHierarchy.create(
                    caDirectory, DevelopmentPassword.loadOrCreate(caDirectory), Clock.systemUTC());
        }
        Path directory = Files.createTempDirectory("core-db");
        return new CoreRig(directory, Database.open("jdbc:h2:file:" + directory.resolve("db"), "sa", ""));
    }

    /** A new RSA-2048 key pair for this rig (each rig's database is fresh, so keys are shared between rigs). */
    synchronized KeyPair newKey() throws GeneralSecurityException {
        synchronized (KEYS) {
            if (nextKey == KEYS.size()) {
                KEYS.add(rsa(2048));
            }
            return KEYS.get(nextKey++);
        }
    }

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** A card registered by the RA, its certificates expiring {@code expiresIn} from now. */
    SoftCard card(Duration expiresIn) throws Exception {
        KeyPair auth = newKey();
        KeyPair sign = newKey();
        RegistrationAuthority.RegisteredCard card = ra.registerCard(
                new RegistrationAuthority.CardHolder("Casey Core", "100200300400"),
                "software",
                Map.of(CredentialPurpose.AUTHENTICATION, auth.getPublic(), CredentialPurpose.SIGNING, sign.getPublic()),
                clock.instant().plus(expiresIn),
                AuditOrigin.operator("ra-desk-1"));
        return new SoftCard(
                card.cardId(),
                auth,
                sign,
                card.certificate(CredentialPurpose.AUTHENTICATION),
                card.certificate(CredentialPurpose.SIGNING));
    }

    /** A card due for renewal (expiring in 30 days). */
    SoftCard dueCard() throws Exception {
        return card(Duration.ofDays(30));
    }

    RenewalCore.Started start(SoftCard card) {
        return core.start(card.authentication, card.signing, origin);
    }

    /** Step 2 as a genuine card does it: two fresh keys, proof by the current authentication key. */
    RenewalCore.Issued issue(SoftCard card, RenewalCore.Started started, KeyPair newAuth, KeyPair newSign)
            throws Exception {
        return core.requestCertificates(
                started.renewalId(),
                proof(card.authenticationKey.getPrivate(), started),
                request(newAuth, newAuth.getPrivate(), card.authentication),
                request(newSign, newSign.getPrivate(), card.signing),
                origin);
    }

    /** The whole renewal; returns the new authentication key pair. */
    KeyPair renew(SoftCard card) throws Exception {
        RenewalCore.Started started = start(card);
        KeyPair newAuth = newKey();
        issue(card, started, newAuth, newKey());
        assertEquals(
                RenewalPhase.CONFIRMED,
                core.confirm(started.renewalId(), proof(newAuth.getPrivate(), started), origin));
        return newAuth;
    }

    /** A proof made by {@code key} for this renewal and challenge (a real RSA signature). */
    static Proof proof(PrivateKey key, RenewalCore.Started started) throws GeneralSecurityException {
        return proof(key, started.renewalId(), started.challenge());
    }

    static Proof proof(PrivateKey key, String renewalId, String challenge) throws GeneralSecurityException {
        byte[] signature = sign(key, message(renewalId, challenge));
        return (signer, id, ch) -> {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(signer.getPublicKey());
                verifier.update(message(id, ch));
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        };
    }

    private static byte[] message(String renewalId, String challenge) {
        return ("core-test-proof\n" + renewalId + "\n" + challenge).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    /** A PKCS#10 request for {@code subject}'s public key, signed by {@code signer} (normally its own key). */
    static NewKeyRequest request(KeyPair subject, PrivateKey signer, X509Certificate template) throws Exception {
        return request(subject, signer, template, "SHA256withRSA");
    }

    static NewKeyRequest request(KeyPair subject, PrivateKey signer, X509Certificate template, String algorithm)
            throws Exception {
        return NewKeyRequest.pkcs10(new JcaPKCS10CertificationRequestBuilder(
                        X500Name.getInstance(template.getSubjectX500Principal().getEncoded()), subject.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(signer)));
    }

    /** Runs {@code step}, expects the core to refuse it for {@code reason}, and the refusal to be audited. */
    RenewalRefusal refused(RefusalReason reason, AuditEventType step, ThrowingStep work) {
        RenewalRefusal refusal = assertThrows(RenewalRefusal.class, work::run, "expected " + reason);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        AuditTrail.Event last = lastEvent(step, AuditTrail.Outcome.REFUSED);
        assertTrue(last.detail().startsWith(reason.name()), last.detail());
        assertEquals(origin, last.origin());
        return refusal;
    }

    /** The newest audit event of {@code type} with {@code outcome}. */
    AuditTrail.Event lastEvent(AuditEventType type, AuditTrail.Outcome outcome) {
        List<AuditTrail.Event> events = audit();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == type && events.get(i).outcome() == outcome) {
                return events.get(i);
            }
        }
        throw new AssertionError("no " + type + " " + outcome + " event in " + events);
    }

    List<AuditTrail.Event> audit() {
        return database.inTransaction(c -> new AuditTrail().all(c));
    }

    AuditChain.Verdict verifyAudit() {
        return database.inTransaction(AuditChain::verify);
    }

    RenewalPhase state(String renewalId) {
        return database.inTransaction(
                c -> new RenewalRepository().find(c, renewalId).orElseThrow().state());
    }

    /** Statuses of the certificates a renewal issued (authentication first). */
    List<CertificateStatus> issuedBy(String renewalId) {
        return database.inTransaction(c -> {
            var found = new RenewalRepository().find(c, renewalId).orElseThrow();
            List<CertificateStatus> statuses = new ArrayList<>();
            for (Long id : new Long[] {found.newAuthenticationCertId(), found.newSigningCertId()}) {
                if (id != null) {
                    statuses.add(new CertificateRepository()
                            .find(c, id)
                            .orElseThrow()
                            .status());
                }
            }
            return statuses;
        });
    }

    CertificateStatus status(X509Certificate certificate) {
        return database.inTransaction(c -> new CertificateRepository()
                .findBySha256(c, CertificateCodec.fingerprint(certificate))
                .map(CertificateRecord::status)
                .orElseThrow());
    }

    @Override
    public void close() {
        database.close();
    }

    /** A step that may throw. */
    @FunctionalInterface
    interface ThrowingStep {
        void run() throws Throwable;
    }

    /** A card whose keys live in software. */
    record SoftCard(
            long cardId,
            KeyPair authenticationKey,
            KeyPair signingKey,
            X509Certificate authentication,
            X509Certificate signing) {}

    /** The core's clock: stands still until moved. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
