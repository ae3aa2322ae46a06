package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.SignedMessages;

/**
 * Published revocation judged by OpenSSL: each issuing CA's CRL (fetched from the distribution point
 * named in the certificates) passes {@code openssl crl -verify}; {@code openssl verify -crl_check} and
 * {@code openssl ocsp} (against the responder named in AIA) report a renewed card's old certificates as
 * revoked (superseded), an RA-revoked card's as revoked, a cancelled renewal's as revoked, the new ones as good.
 */
class PublishedRevocationTest {

    private InProcessServer server;
    private RenewalApiClient api;
    private Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        RequiredTools.need(Openssl.installed(), "openssl is not installed (apt-get install openssl)");
        work = TestDirectories.fresh(test);
        server = InProcessServer.start(work);
        api = new RenewalApiClient(server.baseUri());
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        server.close();
    }

    @Test
    @DisplayName(
            "openssl: CRLs verify; renewed, revoked and cancelled certificates are revoked with their reason, new ones good")
    void opensslJudgesCrlAndOcsp() throws Exception {
        SoftwareCard renewed = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        X509Certificate newAuth = renew(renewed);
        SoftwareCard revoked = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        server.context.registrationAuthority().revokeCard(revoked.cardId, "left the trust");
        SoftwareCard cancelling = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        X509Certificate cancelledAuth = issueThenCancel(cancelling);

        Path root = write("root.pem", Openssl.pem(server.context.ca().rootCertificate()));
        Path issuing = write(
                "issuing-auth.pem",
                Openssl.pem(server.context
                        .ca()
                        .chain(CredentialPurpose.AUTHENTICATION)
                        .get(0)));
        URI crlUrl = crlDistributionPoint(newAuth);
        assertEquals(server.baseUri() + "/pki/authentication.crl", crlUrl.toString());
        assertEquals(crlUrl, crlDistributionPoint(renewed.authentication), "the same stable URL in every certificate");
        byte[] crlDer = http.send(HttpRequest.newBuilder(crlUrl).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        Path crl = write(
                "auth.crl.pem",
                "-----BEGIN X509 CRL-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crlDer)
                        + "\n-----END X509 CRL-----\n");
        Path chain = write("chain.pem", Files.readString(issuing) + Files.readString(root));

        ProcessRun crlCheck = openssl("crl", "-in", crl.toString(), "-CAfile", chain.toString(), "-noout", "-text");
        assertTrue(crlCheck.output().contains("verify OK"), crlCheck.output());
        assertTrue(crlCheck.output().contains("Superseded"), crlCheck.output());
        assertTrue(crlCheck.output().contains("Privilege Withdrawn"), crlCheck.output());
        assertTrue(crlCheck.output().contains("Cessation Of Operation"), crlCheck.output());
        ProcessRun signingCrl = openssl(
                "crl",
                "-in",
                write(
                                "sign.crl.pem",
                                pemCrl(http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(server.baseUri() + "/pki/signing.crl"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofByteArray())
                                        .body()))
                        .toString(),
                "-CAfile",
                write(
                                "sign-chain.pem",
                                Openssl.pem(server.context
                                                .ca()
                                                .chain(CredentialPurpose.SIGNING)
                                                .get(0))
                                        + Files.readString(root))
                        .toString(),
                "-noout");
        assertTrue(signingCrl.output().contains("verify OK"), signingCrl.output());

        assertVerify(root, issuing, crl, newAuth, true);
        assertVerify(root, issuing, crl, renewed.authentication, false);
        assertVerify(root, issuing, crl, revoked.authentication, false);
        assertVerify(root, issuing, crl, cancelledAuth, false);

        URI ocspUrl = ocspResponder(newAuth);
        assertEquals(server.baseUri() + "/pki/ocsp/authentication", ocspUrl.toString());
        assertOcsp(root, issuing, ocspUrl, newAuth, ": good", null);
        assertOcsp(root, issuing, ocspUrl, renewed.authentication, ": revoked", "Reason: superseded");
        // OpenSSL 3.0 has no name for privilegeWithdrawn (9); its response dump shows the code
        assertOcsp(root, issuing, ocspUrl, revoked.authentication, ": revoked", "(0x9)");
        assertOcsp(root, issuing, ocspUrl, cancelledAuth, ": revoked", "Reason: cessationOfOperation");
    }

    private void assertVerify(Path root, Path issuing, Path crl, X509Certificate leaf, boolean good) throws Exception {
        Path leafPem = write("leaf-" + leaf.getSerialNumber().toString(16) + ".pem", Openssl.pem(leaf));
        ProcessRun run = openssl(
                "verify",
                "-crl_check",
                "-CAfile",
                root.toString(),
                "-untrusted",
                issuing.toString(),
                "-CRLfile",
                crl.toString(),
                leafPem.toString());
        if (good) {
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains(": OK"), run.output());
        } else {
            assertNotEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("certificate revoked"), run.output());
        }
    }

    private void assertOcsp(Path root, Path issuing, URI url, X509Certificate leaf, String status, String reason)
            throws Exception {
        Path leafPem = write("ocsp-" + leaf.getSerialNumber().toString(16) + ".pem", Openssl.pem(leaf));
        ProcessRun run = openssl(
                "ocsp",
                "-issuer",
                issuing.toString(),
                "-cert",
                leafPem.toString(),
                "-url",
                url.toString(),
                "-CAfile",
                root.toString(),
                "-resp_text");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Response verify OK"), run.output());
        assertTrue(run.output().contains(leafPem + status), run.output());
        if (reason != null) {
            assertTrue(run.output().contains(reason), run.output());
        }
    }

    private X509Certificate renew(SoftwareCard card) throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        KeyPair auth = SoftwareCard.rsa(2048);
        IssuedCertificates issued = api.submitRequests(
                started.renewalId(),
                card.requests(
                        server.baseUri(), started.renewalId(), started.challenge(), auth, SoftwareCard.rsa(2048)));
        X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
        api.confirm(
                started.renewalId(),
                new CardSignature(SoftwareCard.sign(
                        auth.getPrivate(),
                        SignedMessages.confirmation(
                                started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuth)))));
        return newAuth;
    }

    private X509Certificate issueThenCancel(SoftwareCard card) throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        IssuedCertificates issued = api.submitRequests(
                started.renewalId(),
                card.requests(
                        server.baseUri(),
                        started.renewalId(),
                        started.challenge(),
                        SoftwareCard.rsa(2048),
                        SoftwareCard.rsa(2048)));
        api.cancel(
                started.renewalId(),
                new CardSignature(SoftwareCard.sign(
                        card.authenticationKey.getPrivate(),
                        SignedMessages.cancellation(started.renewalId(), started.challenge()))));
        return CertificateCodec.decode(issued.authenticationCertificate());
    }

    private static URI crlDistributionPoint(X509Certificate certificate) {
        CRLDistPoint points = CRLDistPoint.getInstance(
                ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()))
                        .getOctets());
        GeneralName name = GeneralNames.getInstance(
                        points.getDistributionPoints()[0].getDistributionPoint().getName())
                .getNames()[0];
        return URI.create(name.getName().toString());
    }

    private static URI ocspResponder(X509Certificate certificate) {
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.authorityInfoAccess.getId()))
                        .getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp)) {
                return URI.create(description.getAccessLocation().getName().toString());
            }
        }
        throw new AssertionError("no OCSP responder named");
    }

    private static String pemCrl(byte[] der) {
        return "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END X509 CRL-----\n";
    }

    private ProcessRun openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return ProcessRun.run(work, Map.of(), null, command);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name), text);
    }
}
