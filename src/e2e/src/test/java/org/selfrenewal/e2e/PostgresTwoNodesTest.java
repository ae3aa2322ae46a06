package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerMain;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.renewal.RenewalCore;

/**
 * Two nodes on one PostgreSQL database. The renewal tests run two real {@code serve} processes (separate
 * JVMs, each with its own connection pool) behind one public URL, as a trust would run them behind a load
 * balancer; the sweep test runs two server contexts in this JVM (each with its own pool) on a clock the
 * test moves, since the renewal timeout is ten minutes of real time otherwise.
 */
class PostgresTwoNodesTest {

    private static ThrowawayPostgres postgres;
    private static Path work;
    private static Path data;
    private static String jdbcUrl;
    private static ServerContext registrar;
    private static ServeProcess nodeA;
    private static ServeProcess nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        var binaries = ThrowawayPostgres.binaries();
        RequiredTools.need(
                binaries.isPresent(), "PostgreSQL server binaries are not installed (apt-get install postgresql)");
        postgres = ThrowawayPostgres.start(binaries.get());
        jdbcUrl = postgres.freshDatabase("twonodes");
        work = TestDirectories.fresh("PostgresTwoNodesTest");
        data = Files.createDirectories(work.resolve("server-data"));
        InProcessServer.copyCaTemplate(data.resolve("ca"));
        // the RA's desk: registers the test's cards in the shared database, with the nodes' CA
        registrar = ServerContext.open(new ServerSettings(
                data, jdbcUrl, postgres.user(), "", Clock.systemUTC(), ServerSettings.DEFAULT_RENEWAL_TIMEOUT, null));
        String[] common = {
            "--data-dir",
            data.toString(),
            "--plain-http",
            "--without-launch-site",
            "--jdbc-url",
            jdbcUrl,
            "--jdbc-user",
            postgres.user()
        };
        nodeA = ServeProcess.start(work, common);
        List<String> second = new ArrayList<>(List.of(common));
        second.addAll(List.of("--public-url", nodeA.baseUri.toString()));
        nodeB = ServeProcess.start(work, second.toArray(String[]::new));
    }

    @AfterAll
    static void stopTwoNodes() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, registrar, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** The one public URL both nodes answer for: every proof names it, whichever node receives it. */
    private static URI publicUrl() {
        return nodeA.baseUri;
    }

    @Test
    @DisplayName("two-nodes/cross-node: a renewal started on node A is confirmed on node B")
    void startedOnOneConfirmedOnTheOther() throws Exception {
        SoftwareCard card = SoftwareCard.issue(
                registrar.registrationAuthority(), Instant.now().plus(Duration.ofDays(30)));
        try (RenewalApiClient a = new RenewalApiClient(nodeA.baseUri);
                RenewalApiClient b = new RenewalApiClient(nodeB.baseUri)) {
            RenewalStarted started = a.start(card.startRequest());
            KeyPair auth = SoftwareCard.rsa(2048);
            IssuedCertificates issued = a.submitRequests(
                    started.renewalId(),
                    card.requests(publicUrl(), started.renewalId(), started.challenge(), auth, SoftwareCard.rsa(2048)));
            assertEquals(
                    RenewalState.CONFIRMED,
                    b.confirm(started.renewalId(), confirmation(started, auth, issued))
                            .state());
        }
        assertEquals(List.of("CONFIRMED"), renewalStates(card.cardId));
        assertAuditIntact();
    }

    @Test
    @DisplayName("two-nodes/race: eight simultaneous renewals of one card through both nodes issue exactly once")
    void concurrentRenewalsThroughBothNodesIssueOnce() throws Exception {
        SoftwareCard card = SoftwareCard.issue(
                registrar.registrationAuthority(), Instant.now().plus(Duration.ofDays(30)));
        int attempts = 8;
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < attempts * 2; i++) {
            keys.add(SoftwareCard.rsa(2048));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                URI node = i % 2 == 0 ? nodeA.baseUri : nodeB.baseUri;
                URI other = i % 2 == 0 ? nodeB.baseUri : nodeA.baseUri;
                KeyPair auth = keys.get(2 * i);
                KeyPair sign = keys.get(2 * i + 1);
                Callable<String> renewal = () -> {
                    go.await();
                    try (RenewalApiClient here = new RenewalApiClient(node);
                            RenewalApiClient there = new RenewalApiClient(other)) {
                        RenewalStarted started = here.start(card.startRequest());
                        IssuedCertificates issued = here.submitRequests(
                                started.renewalId(),
                                card.requests(publicUrl(), started.renewalId(), started.challenge(), auth, sign));
                        return there.confirm(started.renewalId(), confirmation(started, auth, issued))
                                .state()
                                .name();
                    } catch (RenewalRefusedException refused) {
                        return refused.error().code().name();
                    }
                };
                outcomes.add(pool.submit(renewal));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            System.out.println("two-nodes/race outcomes: " + results);
            assertEquals(1, results.stream().filter("CONFIRMED"::equals).count(), results.toString());
            assertTrue(
                    results.stream().filter(r -> !r.equals("CONFIRMED")).allMatch(r -> List.of(
                                    ErrorCode.RENEWAL_NOT_OPEN.name(),
                                    ErrorCode.RENEWAL_IN_PROGRESS.name(),
                                    ErrorCode.CERTIFICATE_SUPERSEDED.name())
                            .contains(r)),
                    results.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                1, count("SELECT COUNT(DISTINCT issued_by_renewal) FROM certificate WHERE card_id = " + card.cardId));
        assertEquals(
                2,
                count("SELECT COUNT(*) FROM certificate WHERE issued_by_renewal IS NOT NULL AND card_id = "
                        + card.cardId));
        assertEquals(
                2, count("SELECT COUNT(*) FROM certificate WHERE status = 'CURRENT' AND card_id = " + card.cardId));
        assertAuditIntact();
    }

    @Test
    @DisplayName("two-nodes/audit: bad requests to both nodes at once are all audited on one linear chain")
    void simultaneousAuditWritesStayOneChain() throws Exception {
        long before = count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'REQUEST_REFUSED'");
        // 4 a node: within each node's admission limit (2 a processor at once, as many waiting) even on one
        // processor, so every request reaches the API and is audited rather than answered 429 at the door.
        int requests = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<Integer>> statuses = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < requests; i++) {
                URI node = i % 2 == 0 ? nodeA.baseUri : nodeB.baseUri;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return http.send(
                                    HttpRequest.newBuilder(URI.create(node + ApiPaths.RENEWALS))
                                            .header("Content-Type", "text/plain")
                                            .POST(HttpRequest.BodyPublishers.ofString("not json"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(415, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + requests, count("SELECT COUNT(*) FROM audit_event WHERE event_type = 'REQUEST_REFUSED'"));
        assertAuditIntact();
    }

    @Test
    @DisplayName("two-nodes/sweep: the timeout sweep runs on one node only; the other takes over when it stops")
    void timeoutSweepRunsOnce() throws Exception {
        String sweepUrl = postgres.freshDatabase("sweep");
        Path sweepData = Files.createDirectories(work.resolve("sweep-data"));
        InProcessServer.copyCaTemplate(sweepData.resolve("ca"));
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ServerSettings settings = new ServerSettings(
                sweepData, sweepUrl, postgres.user(), "", clock, ServerSettings.DEFAULT_RENEWAL_TIMEOUT, null);
        try (ServerContext one = ServerContext.open(settings);
                ServerContext two = ServerContext.open(settings)) {
            SoftwareCard card = SoftwareCard.issue(
                    one.registrationAuthority(), clock.instant().plus(Duration.ofDays(30)));
            RenewalCore.Started started = one.core()
                    .start(card.authentication, card.signing, AuditOrigin.apiRequest("sweep-test", "127.0.0.1"));
            clock.advance(ServerSettings.DEFAULT_RENEWAL_TIMEOUT.plusMinutes(1));

            Duration lease = Duration.ofMinutes(3);
            int ranOnOne = 0;
            int ranOnTwo = 0;
            int cancelled = 0;
            for (int minute = 0; minute < 3; minute++) {
                // both nodes' housekeeping fires at the same moment, every minute
                List<RenewalCore.Sweep> sweeps = both(one, two, lease);
                ranOnOne += sweeps.get(0).ran() ? 1 : 0;
                ranOnTwo += sweeps.get(1).ran() ? 1 : 0;
                cancelled += sweeps.get(0).cancelled() + sweeps.get(1).cancelled();
                assertEquals(1, sweeps.stream().filter(RenewalCore.Sweep::ran).count(), "one node swept: " + sweeps);
                clock.advance(Duration.ofMinutes(1));
            }
            assertTrue(ranOnOne == 3 || ranOnTwo == 3, "the same node held the lease: " + ranOnOne + "/" + ranOnTwo);
            assertEquals(1, cancelled);
            List<AuditTrail.Event> events = one.database().inTransaction(c -> new AuditTrail().all(c));
            assertEquals(
                    1,
                    events.stream()
                            .filter(e -> e.type() == AuditEventType.TIMEOUT_SWEEP)
                            .count(),
                    "one sweep");
            assertEquals(
                    1,
                    events.stream()
                            .filter(e -> e.type() == AuditEventType.RENEWAL_CANCELLED
                                    && started.renewalId().equals(e.renewalId()))
                            .count());
            System.out.println("two-nodes/sweep: 3 rounds, node one ran " + ranOnOne + ", node two ran " + ranOnTwo
                    + ", renewals cancelled " + cancelled);

            // the holder stops; after its lease runs out the other node sweeps
            ServerContext holder = ranOnOne == 3 ? one : two;
            ServerContext other = holder == one ? two : one;
            assertEquals(false, other.core().sweepTimedOutRenewals(lease).ran());
            clock.advance(lease.plusSeconds(1));
            assertEquals(true, other.core().sweepTimedOutRenewals(lease).ran());
            assertEquals(false, holder.core().sweepTimedOutRenewals(lease).ran());
        }
    }

    private static List<RenewalCore.Sweep> both(ServerContext one, ServerContext two, Duration lease) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RenewalCore.Sweep> first = pool.submit(() -> {
                go.await();
                return one.core().sweepTimedOutRenewals(lease);
            });
            Future<RenewalCore.Sweep> second = pool.submit(() -> {
                go.await();
                return two.core().sweepTimedOutRenewals(lease);
            });
            go.countDown();
            return List.of(first.get(), second.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CardSignature confirmation(RenewalStarted started, KeyPair auth, IssuedCertificates issued)
            throws Exception {
        return new CardSignature(SoftwareCard.sign(
                auth.getPrivate(),
                SignedMessages.confirmation(
                        started.renewalId(),
                        started.challenge(),
                        CertificateCodec.serialHex(CertificateCodec.decode(issued.authenticationCertificate())))));
    }

    private static List<String> renewalStates(long cardId) {
        return registrar.database().inTransaction(c -> {
            List<String> states = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet row = s.executeQuery("SELECT state FROM renewal WHERE card_id = " + cardId)) {
                while (row.next()) {
                    states.add(row.getString(1));
                }
            }
            return states;
        });
    }

    private static long count(String sql) {
        return registrar.database().inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet row = s.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** {@code audit verify}, as an operator runs it against the nodes' database. */
    private static void assertAuditIntact() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = ServerMain.run(
                    new String[] {
                        "audit",
                        "verify",
                        "--data-dir",
                        data.toString(),
                        "--jdbc-url",
                        jdbcUrl,
                        "--jdbc-user",
                        postgres.user()
                    },
                    print,
                    print);
        }
        String output = out.toString(StandardCharsets.UTF_8);
        System.out.println("audit verify -> " + code + ": " + output.strip());
        assertEquals(0, code, output);
    }
}
