package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;

/**
 * The whole path a card holder takes: a SoftHSM2 card issued by the RA command, renewed by the client
 * command, each a real process, against a real server over HTTP. One named test per outcome.
 */
class CardRenewalEndToEndTest {

    private Path work;
    private InProcessServer server;
    private VirtualCardRig card;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        work = TestDirectories.fresh(test);
        server = InProcessServer.start(work);
        card = new VirtualCardRig(work, server);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("success: a card with 30 days left is renewed end to end")
    void renews_cardWith30DaysLeft() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(30)));
        List<String> before = card.certificateSerials();

        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);

        assertEquals(0, run.exitCode(), run.output());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(ClientMain.SUCCESS, lines.get(lines.size() - 1), "the guide's closing line comes last");
        assertTrue(lines.get(lines.size() - 2).startsWith("Remove your smartcard, insert it again and log back in"));
        assertTrue(run.stdout().contains("Creating your new authentication key"), run.stdout());

        String listing = card.objectListing();
        assertEquals(2, VirtualCardRig.count(listing, "Private Key Object"), listing);
        assertEquals(2, VirtualCardRig.count(listing, "Certificate Object"), listing);
        assertEquals(2, VirtualCardRig.count(listing, "Public Key Object"), listing);
        assertEquals(2, VirtualCardRig.count(listing, "sensitive, always sensitive, never extractable"), listing);
        List<String> after = card.certificateSerials();
        assertEquals(2, after.size());
        assertTrue(Collections.disjoint(before, after), "old certificates must be gone: " + before + " " + after);

        List<CertificateRecord> records = certificatesOfCard();
        for (CertificateRecord record : records) {
            boolean isNew = after.contains(record.serialHex().toUpperCase());
            assertEquals(
                    isNew ? CertificateStatus.CURRENT : CertificateStatus.SUPERSEDED,
                    record.status(),
                    record.serialHex());
            if (isNew) {
                assertEquals(server.now().atZone(ZoneOffset.UTC).plusYears(2).toInstant(), record.notAfter());
                assertOpensslAccepts(record);
            }
        }
        assertEquals(4, records.size());
        List<String> steps = audit().stream().map(e -> e.type().name()).toList();
        assertEquals(List.of("CARD_ISSUED", "RENEWAL_STARTED", "CERTIFICATES_ISSUED", "RENEWAL_CONFIRMED"), steps);
    }

    @Test
    @DisplayName("boundary: exactly 90 days left is due and renewed")
    void due_exactly90DaysLeft() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(90)));
        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.stdout().strip().endsWith(ClientMain.SUCCESS));
    }

    @Test
    @DisplayName("boundary: expires later today is still due and renewed")
    void due_expiresToday() throws Exception {
        card.issueCard(server.now().plus(Duration.ofHours(3)));
        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.stdout().strip().endsWith(ClientMain.SUCCESS));
    }

    @Test
    @DisplayName("fail/not-due: 91 days left is refused with the date renewal opens, card untouched")
    void fail_notDue_91DaysLeft() throws Exception {
        Instant notAfter = server.now().plus(Duration.ofDays(91));
        card.issueCard(notAfter);
        List<String> before = card.certificateSerials();

        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("not due for renewal yet"), run.stderr());
        assertTrue(run.stderr().contains(EligibilityWords.date(notAfter.minus(Duration.ofDays(90)))), run.stderr());
        assertEquals(before, card.certificateSerials());
        // refused by the client's own check, before the passcode and before the service is asked
        assertEquals(
                List.of("CARD_ISSUED"),
                audit().stream().map(e -> e.type().name()).toList());
    }

    @Test
    @DisplayName("fail/not-due (server): refused by the server even when the client skips its own check")
    void fail_notDue_serverRefusesWhenClientSkipsItsCheck() throws Exception {
        Instant notAfter = server.now().plus(Duration.ofDays(91));
        card.issueCard(notAfter);
        List<String> before = card.certificateSerials();

        ProcessRun run = card.renew(VirtualCardRig.PASSCODE, "--skip-eligibility-check");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(
                run.stderr()
                        .contains("You can renew them from "
                                + EligibilityWords.date(notAfter.minus(Duration.ofDays(90)))),
                run.stderr());
        assertEquals(before, card.certificateSerials());
        AuditTrail.Event last = audit().get(audit().size() - 1);
        assertEquals(AuditTrail.Outcome.REFUSED, last.outcome());
        assertTrue(last.detail().startsWith("NOT_DUE"), last.detail());
    }

    @Test
    @DisplayName("fail/expired: expired yesterday is refused with 'visit your local RA'")
    void fail_expiredYesterday() throws Exception {
        card.issueCard(server.now().minus(Duration.ofDays(1)));
        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("Visit your local registration authority (RA)"), run.stderr());
    }

    @Test
    @DisplayName("fail/expired (server): refused by the server even when the client skips its own check")
    void fail_expiredYesterday_serverRefusesWhenClientSkipsItsCheck() throws Exception {
        card.issueCard(server.now().minus(Duration.ofDays(1)));
        List<String> before = card.certificateSerials();
        ProcessRun run = card.renew(VirtualCardRig.PASSCODE, "--skip-eligibility-check");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("expired on"), run.stderr());
        assertTrue(run.stderr().contains("Visit your local registration authority (RA)"), run.stderr());
        assertEquals(before, card.certificateSerials());
        assertTrue(audit().get(audit().size() - 1).detail().startsWith("EXPIRED"));
    }

    @Test
    @DisplayName("fail/wrong-passcode: refused with what to do, nothing changed on card or server")
    void fail_wrongPasscode() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(30)));
        List<String> before = card.certificateSerials();

        ProcessRun run = card.renew("999999");

        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("passcode is not correct"), run.stderr());
        assertTrue(!run.output().contains("999999"), "the passcode must never be printed");
        assertTrue(!run.output().contains("Exception"), "no stack trace in front of the user: " + run.output());
        assertEquals(before, card.certificateSerials());
        // The service was asked before the passcode (what it can refuse without one); a start without a proof
        // changes nothing: no certificate issued, the open renewal simply times out.
        assertEquals(
                List.of("CARD_ISSUED", "RENEWAL_STARTED"),
                audit().stream().map(e -> e.type().name()).toList());
    }

    @Test
    @DisplayName("fail/second-renewal: renewing again after success is refused as not due, with the reopening date")
    void fail_secondRenewalAfterSuccess() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(30)));
        assertEquals(0, card.renew(VirtualCardRig.PASSCODE).exitCode());
        List<String> renewed = card.certificateSerials();

        ProcessRun again = card.renew(VirtualCardRig.PASSCODE);

        assertEquals(2, again.exitCode(), again.output());
        Instant reopens =
                server.now().atZone(ZoneOffset.UTC).plusYears(2).toInstant().minus(Duration.ofDays(90));
        assertTrue(
                again.stderr().contains("You can renew them from " + EligibilityWords.date(reopens)), again.stderr());
        assertEquals(renewed, card.certificateSerials());
    }

    @Test
    @DisplayName("status: shows both certificates, expiry, days left and eligibility in plain words")
    void status_showsCertificatesAndEligibility() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(30)).plusSeconds(60));
        ProcessRun run = card.status();
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.stdout().contains("Authentication certificate: serial "), run.stdout());
        assertTrue(run.stdout().contains("Signing certificate: serial "), run.stdout());
        assertTrue(run.stdout().contains("(30 days left)"), run.stdout());
        assertTrue(run.stdout().contains("You can renew them now."), run.stdout());
    }

    private void assertOpensslAccepts(CertificateRecord record) throws Exception {
        RequiredTools.need(Openssl.installed(), "openssl is not installed");
        Path ca = server.dataDirectory.resolve("ca");
        String issuing = DevelopmentHierarchy.issuingCaName(record.purpose());
        ProcessRun verify = Openssl.verify(
                work,
                CertificateCodec.parse(record.der()),
                DevelopmentHierarchy.certificateFile(ca, DevelopmentHierarchy.ROOT_CA),
                DevelopmentHierarchy.certificateFile(ca, issuing));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.stdout().strip().endsWith(": OK"), verify.output());
    }

    private List<CertificateRecord> certificatesOfCard() {
        return server.context.database().inTransaction(c -> new CertificateRepository().findByCard(c, 1));
    }

    private List<AuditTrail.Event> audit() {
        return server.context.database().inTransaction(c -> new AuditTrail().all(c));
    }
}
