package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.ServerMain;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditTrail;

/**
 * The audit trail's hash chain on the embedded database (PostgreSQL: {@link PostgresAuditChainTest}):
 * after a real renewal over HTTP, a bad request and a refused step, {@code audit verify} passes; after an
 * insider edits, deletes, inserts or reorders a row with plain SQL, it fails (exit code 1) naming the row.
 */
class AuditChainTest {

    InProcessServer server;
    Path work;

    InProcessServer startServer(Path work, TestInfo test) throws Exception {
        return InProcessServer.start(work);
    }

    /** The database options {@code audit verify} needs to reach this server's database. */
    List<String> databaseOptions() {
        return List.of("--data-dir", server.dataDirectory.toString());
    }

    @BeforeEach
    void renewAndRefuse(TestInfo test) throws Exception {
        work = TestDirectories.fresh(test);
        server = startServer(work, test);
        SoftwareCard card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        try (RenewalApiClient api = new RenewalApiClient(server.baseUri())) {
            RenewalStarted started = api.start(card.startRequest());
            KeyPair auth = SoftwareCard.rsa(2048);
            IssuedCertificates issued = api.submitRequests(
                    started.renewalId(),
                    card.requests(
                            server.baseUri(), started.renewalId(), started.challenge(), auth, SoftwareCard.rsa(2048)));
            api.confirm(
                    started.renewalId(),
                    new CardSignature(SoftwareCard.sign(
                            auth.getPrivate(),
                            SignedMessages.confirmation(
                                    started.renewalId(),
                                    started.challenge(),
                                    CertificateCodec.serialHex(
                                            CertificateCodec.decode(issued.authenticationCertificate()))))));
            HttpResponse<String> bad = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.baseUri() + ApiPaths.RENEWALS))
                                    .header("Content-Type", "text/plain")
                                    .POST(HttpRequest.BodyPublishers.ofString("hello"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(415, bad.statusCode());
            assertTrue(bad.headers().firstValue("X-Request-Id").isPresent(), "the answer names its request id");
            try {
                api.start(card.startRequest());
            } catch (RenewalRefusedException expected) {
                // the old certificates were superseded: refused, and audited as refused
            }
        }
        List<AuditTrail.Event> events = server.context.database().inTransaction(c -> new AuditTrail().all(c));
        assertEquals(
                List.of(
                        AuditEventType.CARD_ISSUED,
                        AuditEventType.RENEWAL_STARTED,
                        AuditEventType.CERTIFICATES_ISSUED,
                        AuditEventType.RENEWAL_CONFIRMED,
                        AuditEventType.REQUEST_REFUSED,
                        AuditEventType.RENEWAL_STARTED),
                events.stream().map(AuditTrail.Event::type).toList());
        assertEquals(AuditTrail.Outcome.REFUSED, events.get(4).outcome());
        assertEquals(AuditTrail.Outcome.REFUSED, events.get(5).outcome());
        assertEquals("card-holder", events.get(1).origin().actor());
        assertEquals("127.0.0.1", events.get(1).origin().clientAddress());
        assertNotEquals(
                events.get(1).origin().requestId(), events.get(2).origin().requestId());
        assertTrue(
                events.get(0).origin().actor().startsWith("operator:"),
                events.get(0).origin().actor());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("audit/intact: after a real renewal, a bad request and a refusal, audit verify passes")
    void intactAfterRealRun() {
        Verify verify = verify();
        assertEquals(0, verify.exitCode, verify.output);
        assertTrue(verify.output.contains("Audit chain intact: 6 events, head hash "), verify.output);
    }

    @Test
    @DisplayName("audit/edited: a row whose detail an insider changed is named")
    void editedRow() throws Exception {
        tamper("UPDATE audit_event SET detail = 'nothing happened' WHERE chain_seq = 3");
        assertBroken("event #3 ", "its content was changed");
    }

    @Test
    @DisplayName("audit/edited: a refusal turned into a success is named")
    void editedOutcome() throws Exception {
        tamper("UPDATE audit_event SET outcome = 'OK' WHERE chain_seq = 6");
        assertBroken("event #6 ", "its content was changed");
    }

    @Test
    @DisplayName("audit/deleted: a row deleted from the middle is found at the next row")
    void deletedRow() throws Exception {
        tamper("DELETE FROM audit_event WHERE chain_seq = 3");
        assertBroken("event #4 ", "event #3 before it is missing (deleted)");
    }

    @Test
    @DisplayName("audit/deleted: the last row deleted disagrees with the chain head")
    void deletedLastRow() throws Exception {
        tamper("DELETE FROM audit_event WHERE chain_seq = 6");
        assertBroken("event #6 ", "the last rows were deleted");
    }

    @Test
    @DisplayName("audit/inserted: a row slipped in (later rows renumbered) is named")
    void insertedRow() throws Exception {
        tamper(
                "UPDATE audit_event SET chain_seq = chain_seq + 100 WHERE chain_seq >= 4",
                "UPDATE audit_event SET chain_seq = chain_seq - 99 WHERE chain_seq >= 104",
                "INSERT INTO audit_event (occurred_at, event_type, outcome, card_id, renewal_id, actor, detail, "
                        + "chain_seq, previous_hash, row_hash) SELECT occurred_at, 'RENEWAL_CANCELLED', 'OK', card_id, "
                        + "renewal_id, actor, 'cancelled by the card holder', 4, row_hash, row_hash FROM audit_event "
                        + "WHERE chain_seq = 3");
        assertBroken("event #4 ", "its content was changed");
    }

    @Test
    @DisplayName("audit/reordered: two rows swapped in the chain are named")
    void reorderedRows() throws Exception {
        tamper(
                "UPDATE audit_event SET chain_seq = -1 WHERE chain_seq = 3",
                "UPDATE audit_event SET chain_seq = 3 WHERE chain_seq = 4",
                "UPDATE audit_event SET chain_seq = 4 WHERE chain_seq = -1");
        assertBroken("event #3 ", "it does not follow the event before it");
    }

    private void tamper(String... statements) {
        server.context.database().inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    private void assertBroken(String row, String problem) {
        Verify verify = verify();
        assertEquals(1, verify.exitCode, verify.output);
        assertTrue(verify.output.contains("Audit chain broken at " + row), verify.output);
        assertTrue(verify.output.contains(problem), verify.output);
    }

    private record Verify(int exitCode, String output) {}

    private Verify verify() {
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(databaseOptions());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = ServerMain.run(args.toArray(String[]::new), print, print);
        }
        String output = out.toString(StandardCharsets.UTF_8);
        System.out.println("audit verify -> " + code + ": " + output.strip());
        return new Verify(code, output);
    }
}
