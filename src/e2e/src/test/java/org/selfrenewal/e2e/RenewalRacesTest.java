package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.persistence.AuditChain;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;

/**
 * Races and interference for one card, on the embedded database (PostgreSQL: {@link PostgresRenewalRacesTest}):
 * simultaneous starts leave one open renewal, simultaneous confirmations one CURRENT pair, and someone
 * starting renewals of a card without its key never keeps the card holder from renewing.
 */
class RenewalRacesTest {

    InProcessServer server;
    RenewalApiClient api;
    SoftwareCard card;

    InProcessServer startServer(Path work) throws Exception {
        return InProcessServer.start(work);
    }

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        server = startServer(TestDirectories.fresh(test));
        api = new RenewalApiClient(server.baseUri());
        card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        // every race appended its audit events one after another: the chain is intact
        var verdict = server.context.database().inTransaction(AuditChain::verify);
        assertTrue(verdict.intact(), verdict.describe());
        api.close();
        server.close();
    }

    @Test
    @DisplayName(
            "race/concurrent-starts: five simultaneous starts get one and the same renewal; one open in the database")
    void concurrentStartsShareOneRenewal() throws Exception {
        List<RenewalStarted> started = all(5, () -> api.start(card.startRequest()));
        Set<String> ids = new HashSet<>();
        started.forEach(s -> ids.add(s.renewalId()));
        assertEquals(1, ids.size(), "one renewal for all: " + ids);
        assertEquals(1, openRenewals());
    }

    @Test
    @DisplayName("race/concurrent-confirms: simultaneous confirmations leave exactly one CURRENT pair")
    void concurrentConfirmsLeaveOnePair() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        KeyPair auth = SoftwareCard.rsa(2048);
        IssuedCertificates issued = api.submitRequests(
                started.renewalId(),
                card.requests(
                        server.baseUri(), started.renewalId(), started.challenge(), auth, SoftwareCard.rsa(2048)));
        X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
        CardSignature confirmation = new CardSignature(SoftwareCard.sign(
                auth.getPrivate(),
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuth))));
        List<RenewalState> outcomes =
                all(6, () -> api.confirm(started.renewalId(), confirmation).state());
        assertTrue(outcomes.stream().allMatch(s -> s == RenewalState.CONFIRMED), outcomes.toString());
        assertEquals(
                List.of(
                        CertificateStatus.SUPERSEDED,
                        CertificateStatus.SUPERSEDED,
                        CertificateStatus.CURRENT,
                        CertificateStatus.CURRENT),
                statuses());
    }

    @Test
    @DisplayName("interference: starts by someone without the card's key never stop the card holder renewing")
    void startsWithoutProofDisturbNothing() throws Exception {
        HttpClient attacker = HttpClient.newHttpClient();
        String body = ProtocolJson.mapper().writeValueAsString(card.startRequest());
        for (int i = 0; i < 12; i++) {
            attacker.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + ApiPaths.RENEWALS))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        RenewalStarted started = api.start(card.startRequest());
        KeyPair auth = SoftwareCard.rsa(2048);
        CertificateRequests requests =
                card.requests(server.baseUri(), started.renewalId(), started.challenge(), auth, SoftwareCard.rsa(2048));
        // the attacker starts again between the card holder's start and proof: it changes nothing
        attacker.send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + ApiPaths.RENEWALS))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        IssuedCertificates issued = api.submitRequests(started.renewalId(), requests);
        X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
        assertEquals(
                RenewalState.CONFIRMED,
                api.confirm(
                                started.renewalId(),
                                new CardSignature(SoftwareCard.sign(
                                        auth.getPrivate(),
                                        SignedMessages.confirmation(
                                                started.renewalId(),
                                                started.challenge(),
                                                CertificateCodec.serialHex(newAuth)))))
                        .state());
    }

    @Test
    @DisplayName("foreign-subject: a request naming someone else is issued with the old certificate's subject only")
    void foreignSubjectIsIgnored() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        KeyPair auth = SoftwareCard.rsa(2048);
        KeyPair sign = SoftwareCard.rsa(2048);
        String authCsr = CertificateCodec.base64(new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=Mallory Impostor,O=Elsewhere,C=GB"), auth.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(auth.getPrivate()))
                .getEncoded());
        String signCsr = SoftwareCard.csr(sign.getPublic(), sign.getPrivate(), card.signing);
        IssuedCertificates issued = api.submitRequests(
                started.renewalId(),
                new CertificateRequests(
                        card.proofOfPossession(
                                server.baseUri(), started.renewalId(), started.challenge(), authCsr, signCsr),
                        authCsr,
                        signCsr));
        assertEquals(
                card.authentication.getSubjectX500Principal(),
                CertificateCodec.decode(issued.authenticationCertificate()).getSubjectX500Principal());
    }

    @Test
    @DisplayName("fail/too-many-starts-from-one-address: 429 with Retry-After past the per-address limit")
    void perAddressLimit() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> last = null;
        for (int i = 0; i < 40 && (last == null || last.statusCode() != 429); i++) {
            last = client.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + ApiPaths.RENEWALS))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(429, last.statusCode(), last.body());
        assertTrue(last.body().contains("TOO_MANY_REQUESTS"), last.body());
        assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    @DisplayName("fail/revoked: the RA's revocation cancels the open renewal; its pending certificates are revoked")
    void revocationCancelsOpenRenewal() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        api.submitRequests(
                started.renewalId(),
                card.requests(
                        server.baseUri(),
                        started.renewalId(),
                        started.challenge(),
                        SoftwareCard.rsa(2048),
                        SoftwareCard.rsa(2048)));
        assertEquals(4, server.context.registrationAuthority().revokeCard(card.cardId, "left the trust"));
        assertEquals(
                List.of(
                        CertificateStatus.REVOKED,
                        CertificateStatus.REVOKED,
                        CertificateStatus.REVOKED,
                        CertificateStatus.REVOKED),
                statuses());
        assertEquals(0, openRenewals());
        RenewalRefusedException refused =
                assertThrows(RenewalRefusedException.class, () -> api.start(card.startRequest()));
        assertEquals(ErrorCode.CERTIFICATE_REVOKED, refused.error().code());
    }

    private <T> List<T> all(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private long openRenewals() {
        return server.context.database().inTransaction(c -> {
            try (var s = c.prepareStatement(
                    "SELECT COUNT(*) FROM renewal WHERE card_id = ? AND state IN ('STARTED', 'ISSUED')")) {
                s.setLong(1, card.cardId);
                try (var row = s.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private List<CertificateStatus> statuses() {
        return server
                .context
                .database()
                .inTransaction(c -> new CertificateRepository().findByCard(c, card.cardId))
                .stream()
                .map(CertificateRecord::status)
                .toList();
    }
}
