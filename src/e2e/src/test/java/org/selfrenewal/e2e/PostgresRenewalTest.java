package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;

/** The same schema (Flyway) and renewal on a real PostgreSQL server, the production database. */
class PostgresRenewalTest {

    private static ThrowawayPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        var binaries = ThrowawayPostgres.binaries();
        RequiredTools.need(
                binaries.isPresent(), "PostgreSQL server binaries are not installed (apt-get install postgresql)");
        postgres = ThrowawayPostgres.start(binaries.get());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("postgresql: a renewal is stored, confirmed and audited; a second one is refused as superseded")
    void renewalOnPostgres(TestInfo test) throws Exception {
        Path work = TestDirectories.fresh(test);
        try (InProcessServer server = InProcessServer.start(work, false, null, postgres.jdbcUrl(), postgres.user());
                RenewalApiClient api = new RenewalApiClient(server.baseUri())) {
            SoftwareCard card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
            RenewalStarted started = api.start(card.startRequest());
            KeyPair auth = SoftwareCard.rsa(2048);
            KeyPair sign = SoftwareCard.rsa(2048);
            IssuedCertificates issued = api.submitRequests(
                    started.renewalId(),
                    card.requests(server.baseUri(), started.renewalId(), started.challenge(), auth, sign));
            X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
            String confirmation = SoftwareCard.sign(
                    auth.getPrivate(),
                    SignedMessages.confirmation(
                            started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuth)));

            assertEquals(
                    RenewalState.CONFIRMED,
                    api.confirm(started.renewalId(), new CardSignature(confirmation))
                            .state());
            List<CertificateStatus> statuses = server
                    .context
                    .database()
                    .inTransaction(c -> new CertificateRepository().findByCard(c, card.cardId))
                    .stream()
                    .map(CertificateRecord::status)
                    .toList();
            assertEquals(
                    List.of(
                            CertificateStatus.SUPERSEDED,
                            CertificateStatus.SUPERSEDED,
                            CertificateStatus.CURRENT,
                            CertificateStatus.CURRENT),
                    statuses);
            RenewalRefusedException refused =
                    assertThrows(RenewalRefusedException.class, () -> api.start(card.startRequest()));
            assertEquals(ErrorCode.CERTIFICATE_SUPERSEDED, refused.error().code());
            List<String> audit = server.context.database().inTransaction(c -> new AuditTrail().all(c)).stream()
                    .map(e -> e.type().name())
                    .toList();
            assertEquals(
                    List.of(
                            "CARD_ISSUED",
                            "RENEWAL_STARTED",
                            "CERTIFICATES_ISSUED",
                            "RENEWAL_CONFIRMED",
                            "RENEWAL_STARTED"),
                    audit);
        }
    }
}
