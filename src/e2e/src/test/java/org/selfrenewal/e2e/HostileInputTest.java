package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.IssueRequest;
import org.selfrenewal.ca.RocaKeys;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.limits.RateLimiter;

/**
 * The hostile-input suite: each named case sends what an attacker would to the running server (real
 * HTTP, real database, real CA) and asserts the exact status and code, that the answer is never a 5xx
 * and carries no internal detail, and that nothing was issued or changed: every certificate keeps its
 * status and no renewal was confirmed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final ObjectMapper JSON = ProtocolJson.mapper();

    private InProcessServer server;
    private HttpClient http;
    private Path work;
    private CaHierarchy foreignCa;

    @BeforeAll
    void startServer() throws Exception {
        work = TestDirectories.fresh("HostileInputTest");
        server = InProcessServer.start(
                work,
                false,
                null,
                null,
                null,
                site -> site,
                new RateLimiter(10_000, Duration.ofMillis(1), 1000, Clock.systemUTC()));
        http = HttpClient.newHttpClient();
        foreignCa = DevelopmentHierarchy.create(work.resolve("foreign-ca"), "foreign".toCharArray(), server.clock);
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** What one case does: set things up (a genuine start, say), then the hostile request. */
    @FunctionalInterface
    interface Attack {
        Reply run(Attacker a) throws Exception;
    }

    record Reply(int status, String body, HttpResponse<String> response) {}

    record Case(String name, int status, String code, Attack attack) {}

    @TestFactory
    Stream<DynamicTest> hostileInputs() {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 60, "at least 60 named cases, have " + cases.size());
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Attacker attacker = new Attacker();
                    Reply reply = c.attack().run(attacker);
                    assertTrue(reply.status() < 500, c.name() + ": no 5xx, got " + reply.status() + " " + reply.body());
                    assertEquals(c.status(), reply.status(), c.name() + ": " + reply.body());
                    JsonNode body = JSON.readTree(reply.body());
                    assertEquals(c.code(), body.path("code").asText(), c.name() + ": " + reply.body());
                    assertFalse(
                            reply.body().contains("Exception")
                                    || reply.body().contains("at org.")
                                    || reply.body().contains("SQL"),
                            c.name() + ": internal detail in " + reply.body());
                    assertFalse(reply.response().headers().firstValue("Server").isPresent(), "no Server header");
                    assertEquals(
                            attacker.snapshot, attacker.snapshot(), c.name() + ": something was issued or changed");
                }));
    }

    private List<Case> cases() {
        List<Case> all = new ArrayList<>();
        String starts = ApiPaths.RENEWALS;
        // --- the HTTP edge ---
        all.add(new Case(
                "edge/content-type-text-plain",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, "text/plain", a.startJson())));
        all.add(new Case(
                "edge/content-type-form (cross-site form post)",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, "application/x-www-form-urlencoded", "a=b")));
        all.add(new Case(
                "edge/content-type-multipart",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, "multipart/form-data; boundary=x", "--x--")));
        all.add(new Case(
                "edge/content-type-missing",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, null, a.startJson())));
        all.add(new Case(
                "edge/content-type-json-latin1",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, "application/json; charset=iso-8859-1", a.startJson())));
        all.add(new Case(
                "edge/content-type-json-suffix-trick",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                a -> a.raw("POST", starts, "application/jsonp", a.startJson())));
        all.add(new Case(
                "edge/method-get-on-renewals", 405, "METHOD_NOT_ALLOWED", a -> a.raw("GET", starts, null, null)));
        all.add(new Case(
                "edge/method-put-on-renewals",
                405,
                "METHOD_NOT_ALLOWED",
                a -> a.raw("PUT", starts, "application/json", a.startJson())));
        all.add(new Case(
                "edge/method-delete-on-step",
                405,
                "METHOD_NOT_ALLOWED",
                a -> a.raw("DELETE", a.stepPath(a.start(), "cancellation"), null, null)));
        all.add(new Case(
                "edge/method-post-on-health",
                405,
                "METHOD_NOT_ALLOWED",
                a -> a.raw("POST", ApiPaths.HEALTH, "application/json", "{}")));
        all.add(new Case("edge/cors-preflight-gets-no-permission", 405, "METHOD_NOT_ALLOWED", a -> {
            Reply reply = a.raw("OPTIONS", starts, null, null);
            assertTrue(
                    reply.response()
                            .headers()
                            .firstValue("Access-Control-Allow-Origin")
                            .isEmpty(),
                    "no CORS");
            return reply;
        }));
        all.add(new Case(
                "edge/unknown-site-path (answered quietly)",
                404,
                "RENEWAL_NOT_FOUND",
                a -> a.raw("GET", "/WEB-INF/web.xml", null, null)));
        all.add(new Case(
                "edge/unknown-path",
                404,
                "RENEWAL_NOT_FOUND",
                a -> a.raw("POST", ApiPaths.BASE + "/admin", "application/json", "{}")));
        all.add(new Case(
                "edge/renewal-id-not-a-uuid",
                404,
                "RENEWAL_NOT_FOUND",
                a -> a.raw("POST", starts + "/not-a-renewal-id/confirmation", "application/json", "{}")));
        all.add(new Case(
                "edge/encoded-path-traversal (refused by Jetty, answered quietly)",
                400,
                "BAD_REQUEST",
                a -> a.raw("POST", starts + "/%2e%2e%2fadmin/confirmation", "application/json", "{}")));
        all.add(new Case(
                "edge/encoded-null-in-path",
                400,
                "BAD_REQUEST",
                a -> a.raw("POST", starts + "/%00/confirmation", "application/json", "{}")));
        all.add(new Case(
                "edge/unknown-step",
                404,
                "RENEWAL_NOT_FOUND",
                a -> a.raw("POST", a.stepPath(a.start(), "approve"), "application/json", "{}")));
        all.add(new Case(
                "edge/unknown-renewal",
                404,
                "RENEWAL_NOT_FOUND",
                a -> a.post(
                        a.stepPath("00000000-0000-4000-8000-000000000000", "confirmation"),
                        new CardSignature("AAAA"))));
        // --- JSON ---
        all.add(new Case("json/not-json", 400, "BAD_REQUEST", a -> a.json(starts, "{not json")));
        all.add(new Case("json/empty-body", 400, "BAD_REQUEST", a -> a.json(starts, "")));
        all.add(new Case("json/null", 400, "BAD_REQUEST", a -> a.json(starts, "null")));
        all.add(new Case("json/array", 400, "BAD_REQUEST", a -> a.json(starts, "[" + a.startJson() + "]")));
        all.add(new Case(
                "json/unknown-field",
                400,
                "BAD_REQUEST",
                a -> a.json(starts, a.startJson().replace("{", "{\"admin\":true,"))));
        all.add(new Case(
                "json/duplicate-key",
                400,
                "BAD_REQUEST",
                a -> a.json(
                        starts,
                        a.startJson().replace("{", "{\"authenticationCertificate\":\"" + a.encodedSigning() + "\","))));
        all.add(new Case("json/trailing-token", 400, "BAD_REQUEST", a -> a.json(starts, a.startJson() + " {}")));
        all.add(new Case("json/trailing-garbage", 400, "BAD_REQUEST", a -> a.json(starts, a.startJson() + "xyz")));
        all.add(new Case(
                "json/deep-nesting",
                400,
                "BAD_REQUEST",
                a -> a.json(starts, "{\"authenticationCertificate\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
        all.add(new Case(
                "json/number-for-string",
                400,
                "BAD_REQUEST",
                a -> a.json(starts, "{\"authenticationCertificate\":1,\"signingCertificate\":2}")));
        all.add(new Case(
                "json/missing-field",
                400,
                "BAD_REQUEST",
                a -> a.json(starts, "{\"authenticationCertificate\":\"" + a.encodedAuthentication() + "\"}")));
        all.add(new Case(
                "json/oversize-body",
                413,
                "BAD_REQUEST",
                // Sent the polite way (Expect: 100-continue), so the refusal is read before any of the body is
                // sent: a client still sending when the server refuses and closes may see a reset instead.
                a -> a.oversized(starts, "{\"authenticationCertificate\":\"" + "A".repeat(70_000) + "\"}")));
        all.add(new Case(
                "json/utf8-garbage",
                400,
                "BAD_REQUEST",
                a -> a.rawBytes(starts, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})));
        // --- base64 and DER ---
        all.add(new Case(
                "base64/whitespace-inside",
                400,
                "BAD_REQUEST",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                a.encodedAuthentication().substring(0, 20) + "\n"
                                        + a.encodedAuthentication().substring(20),
                                a.encodedSigning()))));
        all.add(new Case(
                "base64/unpadded",
                400,
                "BAD_REQUEST",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                Base64.getEncoder().withoutPadding().encodeToString(new byte[] {1, 2, 3, 4}),
                                a.encodedSigning()))));
        all.add(new Case(
                "base64/non-zero-pad-bits",
                400,
                "BAD_REQUEST",
                a -> a.post(starts, new StartRenewal("AB==", a.encodedSigning()))));
        all.add(new Case(
                "base64/url-safe-alphabet",
                400,
                "BAD_REQUEST",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                a.encodedAuthentication().replace('+', '-').replace('/', '_')
                                        + (a.encodedAuthentication().matches(".*[+/].*") ? "" : "-_"),
                                a.encodedSigning()))));
        all.add(new Case(
                "der/truncated-certificate",
                400,
                "BAD_REQUEST",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                CertificateCodec.base64(Arrays.copyOf(a.card.authentication.getEncoded(), 300)),
                                a.encodedSigning()))));
        all.add(new Case(
                "der/garbage-certificate",
                400,
                "BAD_REQUEST",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                CertificateCodec.base64(new byte[] {
                                    0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3
                                }),
                                a.encodedSigning()))));
        all.add(new Case(
                "der/csr-where-certificate-expected",
                400,
                "BAD_REQUEST",
                a -> a.post(starts, new StartRenewal(a.csrFor(SoftwareCard.rsa(2048)), a.encodedSigning()))));
        all.add(new Case("der/garbage-csr-with-proof", 400, "BAD_REQUEST", a -> {
            String id = a.start();
            String garbage = CertificateCodec.base64(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(a.proof(server.baseUri(), id, garbage, garbage), garbage, garbage));
        }));
        all.add(new Case("der/truncated-csr-with-proof", 400, "BAD_REQUEST", a -> {
            String id = a.start();
            String csr = a.csrFor(SoftwareCard.rsa(2048));
            String truncated = CertificateCodec.base64(Arrays.copyOf(CertificateCodec.unbase64(csr), 100));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(a.proof(server.baseUri(), id, truncated, csr), truncated, csr));
        }));
        // --- who may start ---
        all.add(new Case(
                "start/foreign-ca-same-names (public certificates only)",
                403,
                "CERTIFICATE_NOT_RECOGNISED",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                CertificateCodec.encode(a.foreign(CredentialPurpose.AUTHENTICATION)),
                                CertificateCodec.encode(a.foreign(CredentialPurpose.SIGNING))))));
        all.add(new Case(
                "start/issuing-ca-certificate-as-card",
                403,
                "CERTIFICATE_NOT_RECOGNISED",
                a -> a.post(
                        starts,
                        new StartRenewal(
                                CertificateCodec.encode(server.context
                                        .ca()
                                        .chain(CredentialPurpose.AUTHENTICATION)
                                        .get(0)),
                                a.encodedSigning()))));
        all.add(new Case("start/two-cards", 400, "CARD_MISMATCH", a -> {
            SoftwareCard other = a.otherCard();
            return a.post(starts, new StartRenewal(a.encodedAuthentication(), CertificateCodec.encode(other.signing)));
        }));
        all.add(new Case(
                "start/swapped",
                400,
                "WRONG_CERTIFICATE_PURPOSE",
                a -> a.post(starts, new StartRenewal(a.encodedSigning(), a.encodedAuthentication()))));
        all.add(new Case("start/revoked-card", 403, "CERTIFICATE_REVOKED", a -> {
            server.context.registrationAuthority().revokeCard(a.card.cardId, "lost");
            a.takeSnapshot();
            return a.post(starts, a.card.startRequest());
        }));
        all.add(new Case("start/not-due", 409, "NOT_DUE", a -> {
            SoftwareCard fresh = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(400)));
            a.takeSnapshot();
            return a.post(starts, fresh.startRequest());
        }));
        all.add(new Case("start/pending-certificates", 403, "CERTIFICATE_NOT_RECOGNISED", a -> {
            String id = a.start();
            CertificateRequests genuine = a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048));
            JsonNode issued = JSON.readTree(
                    a.post(a.stepPath(id, "certificate-requests"), genuine).body());
            a.takeSnapshot();
            return a.post(
                    starts,
                    new StartRenewal(
                            issued.path("authenticationCertificate").asText(),
                            issued.path("signingCertificate").asText()));
        }));
        all.add(new Case("start/superseded-certificates", 409, "CERTIFICATE_SUPERSEDED", a -> {
            a.renewFully();
            a.takeSnapshot();
            return a.post(starts, a.card.startRequest());
        }));
        all.add(new Case("start/while-proof-accepted (renewal in progress)", 409, "RENEWAL_IN_PROGRESS", a -> {
            String id = a.start();
            a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
            a.takeSnapshot();
            return a.post(starts, a.card.startRequest());
        }));
        all.add(new Case("start/too-many-new-renewals-for-one-card", 429, "TOO_MANY_REQUESTS", a -> {
            for (int i = 0; i < 5; i++) {
                String id = a.start();
                a.post(
                        a.stepPath(id, "cancellation"),
                        new CardSignature(SoftwareCard.sign(
                                a.card.authenticationKey.getPrivate(), SignedMessages.cancellation(id, a.challenge))));
            }
            a.takeSnapshot();
            Reply reply = a.post(starts, a.card.startRequest());
            assertTrue(reply.response().headers().firstValue("Retry-After").isPresent(), "Retry-After");
            return reply;
        }));
        all.add(new Case(
                "start/repeated-starts-hand-out-the-open-renewal (then a forged proof)",
                403,
                "PROOF_OF_POSSESSION_FAILED",
                a -> {
                    String id = a.start();
                    for (int i = 0; i < 10; i++) {
                        Reply again = a.post(starts, a.card.startRequest());
                        assertEquals(201, again.status(), again.body());
                        assertEquals(
                                id,
                                JSON.readTree(again.body()).path("renewalId").asText());
                    }
                    a.takeSnapshot();
                    String auth = a.csrFor(SoftwareCard.rsa(2048));
                    String sign = a.csrFor(SoftwareCard.rsa(2048));
                    return a.post(
                            a.stepPath(id, "certificate-requests"),
                            new CertificateRequests(
                                    SoftwareCard.sign(
                                            SoftwareCard.rsa(2048).getPrivate(),
                                            a.possession(server.baseUri(), id, auth, sign)),
                                    auth,
                                    sign));
                }));
        // --- the proof of possession ---
        all.add(new Case(
                "proof/relayed-to-another-service (relay in the middle)", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
                    String id = a.start();
                    KeyPair relayAuth = SoftwareCard.rsa(2048);
                    KeyPair relaySign = SoftwareCard.rsa(2048);
                    // the genuine client, pointed at the relay, signs over the relay's address and its own requests;
                    // the relay forwards the proof with requests for keys it holds
                    String clientAuth = a.csrFor(SoftwareCard.rsa(2048));
                    String clientSign = a.csrFor(SoftwareCard.rsa(2048));
                    String proof = a.proof(URI.create("https://relay.example:443"), id, clientAuth, clientSign);
                    return a.post(
                            a.stepPath(id, "certificate-requests"),
                            new CertificateRequests(proof, a.csrFor(relayAuth), a.csrFor(relaySign)));
                }));
        all.add(new Case("proof/relayed-unchanged-requests", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(a.proof(URI.create("http://127.0.0.1:1"), id, auth, sign), auth, sign));
        }));
        all.add(new Case("proof/https-instead-of-http-service", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            URI https = URI.create(server.baseUri().toString().replace("http:", "https:"));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(a.proof(https, id, auth, sign), auth, sign));
        }));
        all.add(new Case("proof/replayed-over-other-requests", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            CertificateRequests genuine = a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            genuine.proofOfPossession(), a.csrFor(SoftwareCard.rsa(2048)), genuine.signingCsr()));
        }));
        all.add(new Case("proof/requests-swapped", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            CertificateRequests genuine = a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            genuine.proofOfPossession(), genuine.signingCsr(), genuine.authenticationCsr()));
        }));
        all.add(new Case("proof/signed-by-signing-key", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            SoftwareCard.sign(
                                    a.card.signingKey.getPrivate(), a.possession(server.baseUri(), id, auth, sign)),
                            auth,
                            sign));
        }));
        all.add(new Case("proof/signed-by-another-card", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            SoftwareCard other = a.otherCard();
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            SoftwareCard.sign(
                                    other.authenticationKey.getPrivate(),
                                    a.possession(server.baseUri(), id, auth, sign)),
                            auth,
                            sign));
        }));
        all.add(new Case("proof/for-another-renewal", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            SoftwareCard.sign(
                                    a.card.authenticationKey.getPrivate(),
                                    SignedMessages.possession(
                                            server.baseUri(),
                                            "11111111-1111-4111-8111-111111111111",
                                            a.challenge,
                                            CertificateCodec.unbase64(auth),
                                            CertificateCodec.unbase64(sign))),
                            auth,
                            sign));
        }));
        all.add(new Case("proof/cancellation-signature-as-proof", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            String auth = a.csrFor(SoftwareCard.rsa(2048));
            String sign = a.csrFor(SoftwareCard.rsa(2048));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            SoftwareCard.sign(
                                    a.card.authenticationKey.getPrivate(),
                                    SignedMessages.cancellation(id, a.challenge)),
                            auth,
                            sign));
        }));
        all.add(new Case("proof/empty-signature", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    new CertificateRequests(
                            "AA==", a.csrFor(SoftwareCard.rsa(2048)), a.csrFor(SoftwareCard.rsa(2048))));
        }));
        // --- the key policy (a valid proof: the renewal is cancelled, nothing issued) ---
        all.add(new Case(
                "key/exponent-3",
                400,
                "KEY_NOT_ACCEPTED",
                a -> a.submit(rsa(2048, RSAKeyGenParameterSpec.F0), SoftwareCard.rsa(2048))));
        all.add(new Case(
                "key/rsa-1024",
                400,
                "KEY_NOT_ACCEPTED",
                a -> a.submit(SoftwareCard.rsa(1024), SoftwareCard.rsa(2048))));
        all.add(new Case(
                "key/roca-weak-2048",
                400,
                "KEY_NOT_ACCEPTED",
                a -> a.submit(SoftwareCard.rsa(2048), RocaKeys.weak(2048))));
        all.add(new Case("key/ec-p256", 400, "KEY_NOT_ACCEPTED", a -> {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            KeyPair key = ec.generateKeyPair();
            return a.submitCsrs(a.csrFor(key, "SHA256withECDSA"), a.csrFor(SoftwareCard.rsa(2048)));
        }));
        all.add(new Case(
                "key/current-key-reused",
                400,
                "KEY_NOT_ACCEPTED",
                a -> a.submit(a.card.authenticationKey, SoftwareCard.rsa(2048))));
        all.add(new Case("key/one-key-for-both", 400, "KEY_NOT_ACCEPTED", a -> {
            KeyPair one = SoftwareCard.rsa(2048);
            return a.submit(one, one);
        }));
        all.add(new Case("request/sha1-signature", 400, "CERTIFICATE_REQUEST_INVALID", a -> {
            KeyPair key = SoftwareCard.rsa(2048);
            return a.submitCsrs(a.csrFor(key, "SHA1withRSA"), a.csrFor(SoftwareCard.rsa(2048)));
        }));
        all.add(new Case("request/md5-signature", 400, "CERTIFICATE_REQUEST_INVALID", a -> {
            KeyPair key = SoftwareCard.rsa(2048);
            return a.submitCsrs(a.csrFor(key, "MD5withRSA"), a.csrFor(SoftwareCard.rsa(2048)));
        }));
        all.add(new Case("request/signed-by-another-key", 400, "CERTIFICATE_REQUEST_INVALID", a -> {
            KeyPair requested = SoftwareCard.rsa(2048);
            KeyPair other = SoftwareCard.rsa(2048);
            return a.submitCsrs(
                    SoftwareCard.csr(requested.getPublic(), other.getPrivate(), a.card.authentication),
                    a.csrFor(SoftwareCard.rsa(2048)));
        }));
        all.add(new Case("cap/issuances-per-card-per-window", 429, "TOO_MANY_RENEWALS", a -> {
            for (int i = 0; i < 3; i++) {
                String id = a.start();
                a.post(
                        a.stepPath(id, "certificate-requests"),
                        a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
                a.post(
                        a.stepPath(id, "cancellation"),
                        new CardSignature(SoftwareCard.sign(
                                a.card.authenticationKey.getPrivate(), SignedMessages.cancellation(id, a.challenge))));
            }
            String id = a.start();
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
        }));
        // --- the renewal's states ---
        all.add(new Case("state/requests-twice", 409, "RENEWAL_NOT_OPEN", a -> {
            String id = a.start();
            a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
            a.takeSnapshot();
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
        }));
        all.add(new Case("state/confirm-before-requests", 409, "RENEWAL_NOT_OPEN", a -> {
            String id = a.start();
            return a.post(
                    a.stepPath(id, "confirmation"),
                    new CardSignature(SoftwareCard.sign(
                            a.card.authenticationKey.getPrivate(), SignedMessages.confirmation(id, a.challenge, "1"))));
        }));
        all.add(new Case("state/confirm-with-old-key", 403, "CONFIRMATION_FAILED", a -> {
            String id = a.start();
            JsonNode issued = JSON.readTree(a.post(
                            a.stepPath(id, "certificate-requests"),
                            a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)))
                    .body());
            a.takeSnapshot();
            String serial = CertificateCodec.serialHex(CertificateCodec.decode(
                    issued.path("authenticationCertificate").asText()));
            return a.post(
                    a.stepPath(id, "confirmation"),
                    new CardSignature(SoftwareCard.sign(
                            a.card.authenticationKey.getPrivate(),
                            SignedMessages.confirmation(id, a.challenge, serial))));
        }));
        all.add(new Case("state/revoked-during-renewal-then-confirmed", 403, "CERTIFICATE_REVOKED", a -> {
            String id = a.start();
            KeyPair newAuth = SoftwareCard.rsa(2048);
            JsonNode issued = JSON.readTree(a.post(
                            a.stepPath(id, "certificate-requests"),
                            a.genuineRequests(id, newAuth, SoftwareCard.rsa(2048)))
                    .body());
            server.context.registrationAuthority().revokeCard(a.card.cardId, "reported stolen");
            a.takeSnapshot();
            String serial = CertificateCodec.serialHex(CertificateCodec.decode(
                    issued.path("authenticationCertificate").asText()));
            return a.post(
                    a.stepPath(id, "confirmation"),
                    new CardSignature(SoftwareCard.sign(
                            newAuth.getPrivate(), SignedMessages.confirmation(id, a.challenge, serial))));
        }));
        all.add(new Case("state/revoked-during-renewal-then-requests", 403, "CERTIFICATE_REVOKED", a -> {
            String id = a.start();
            server.context.registrationAuthority().revokeCard(a.card.cardId, "reported stolen");
            a.takeSnapshot();
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
        }));
        all.add(new Case("state/cancel-by-someone-else", 403, "PROOF_OF_POSSESSION_FAILED", a -> {
            String id = a.start();
            return a.post(
                    a.stepPath(id, "cancellation"),
                    new CardSignature(SoftwareCard.sign(
                            SoftwareCard.rsa(2048).getPrivate(), SignedMessages.cancellation(id, a.challenge))));
        }));
        all.add(new Case("state/confirm-a-cancelled-renewal", 409, "RENEWAL_NOT_OPEN", a -> {
            String id = a.start();
            KeyPair newAuth = SoftwareCard.rsa(2048);
            JsonNode issued = JSON.readTree(a.post(
                            a.stepPath(id, "certificate-requests"),
                            a.genuineRequests(id, newAuth, SoftwareCard.rsa(2048)))
                    .body());
            a.post(
                    a.stepPath(id, "cancellation"),
                    new CardSignature(SoftwareCard.sign(
                            a.card.authenticationKey.getPrivate(), SignedMessages.cancellation(id, a.challenge))));
            a.takeSnapshot();
            String serial = CertificateCodec.serialHex(CertificateCodec.decode(
                    issued.path("authenticationCertificate").asText()));
            return a.post(
                    a.stepPath(id, "confirmation"),
                    new CardSignature(SoftwareCard.sign(
                            newAuth.getPrivate(), SignedMessages.confirmation(id, a.challenge, serial))));
        }));
        all.add(new Case("state/requests-after-timeout", 409, "RENEWAL_TIMED_OUT", a -> {
            String id = a.start();
            server.clock.advance(Duration.ofMinutes(11));
            return a.post(
                    a.stepPath(id, "certificate-requests"),
                    a.genuineRequests(id, SoftwareCard.rsa(2048), SoftwareCard.rsa(2048)));
        }));
        return all;
    }

    private static KeyPair rsa(int bits, BigInteger exponent) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, exponent));
        return generator.generateKeyPair();
    }

    /** One case's attacker: a fresh card of its own, and the state of the whole database to compare. */
    final class Attacker {
        final SoftwareCard card;
        Map<Long, String> snapshot;
        String challenge;

        Attacker() throws Exception {
            card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
            takeSnapshot();
        }

        void takeSnapshot() {
            snapshot = snapshot();
        }

        /** Every certificate's status, and how many renewals were confirmed. */
        Map<Long, String> snapshot() {
            return server.context.database().inTransaction(c -> {
                Map<Long, String> state = new LinkedHashMap<>();
                try (var s = c.prepareStatement("SELECT id, status FROM certificate ORDER BY id");
                        var row = s.executeQuery()) {
                    while (row.next()) {
                        state.put(row.getLong(1), row.getString(2));
                    }
                }
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM renewal WHERE state = 'CONFIRMED'");
                        var row = s.executeQuery()) {
                    row.next();
                    state.put(-1L, "confirmed renewals: " + row.getLong(1));
                }
                return state;
            });
        }

        SoftwareCard otherCard() throws Exception {
            SoftwareCard other = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
            takeSnapshot();
            return other;
        }

        X509Certificate foreign(CredentialPurpose purpose) throws Exception {
            X509Certificate original = purpose == CredentialPurpose.AUTHENTICATION ? card.authentication : card.signing;
            KeyPair key = purpose == CredentialPurpose.AUTHENTICATION ? card.authenticationKey : card.signingKey;
            return foreignCa.issue(IssueRequest.forPurpose(purpose)
                    .copySubjectAndAltNamesFrom(original)
                    .publicKey(key.getPublic())
                    .validUntil(server.now().plus(Duration.ofDays(30))));
        }

        String encodedAuthentication() {
            return CertificateCodec.encode(card.authentication);
        }

        String encodedSigning() {
            return CertificateCodec.encode(card.signing);
        }

        String startJson() throws Exception {
            return JSON.writeValueAsString(card.startRequest());
        }

        /** A genuine start; the snapshot is taken after it. */
        String start() throws Exception {
            Reply reply = post(ApiPaths.RENEWALS, card.startRequest());
            assertEquals(201, reply.status(), reply.body());
            JsonNode started = JSON.readTree(reply.body());
            challenge = started.path("challenge").asText();
            takeSnapshot();
            return started.path("renewalId").asText();
        }

        String stepPath(String renewalId, String step) {
            return ApiPaths.RENEWALS + "/" + renewalId + "/" + step;
        }

        String csrFor(KeyPair key) throws Exception {
            return SoftwareCard.csr(key.getPublic(), key.getPrivate(), card.authentication);
        }

        String csrFor(KeyPair key, String algorithm) throws Exception {
            return CertificateCodec.base64(new JcaPKCS10CertificationRequestBuilder(
                            X500Name.getInstance(card.authentication
                                    .getSubjectX500Principal()
                                    .getEncoded()),
                            key.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()))
                    .getEncoded());
        }

        byte[] possession(URI service, String renewalId, String authCsr, String signCsr) {
            return SignedMessages.possession(
                    service,
                    renewalId,
                    challenge,
                    CertificateCodec.unbase64(authCsr),
                    CertificateCodec.unbase64(signCsr));
        }

        String proof(URI service, String renewalId, String authCsr, String signCsr) throws Exception {
            return SoftwareCard.sign(
                    card.authenticationKey.getPrivate(), possession(service, renewalId, authCsr, signCsr));
        }

        CertificateRequests genuineRequests(String renewalId, KeyPair auth, KeyPair sign) throws Exception {
            return card.requests(server.baseUri(), renewalId, challenge, auth, sign);
        }

        /** A genuine start, then requests for these keys with a valid proof over them. */
        Reply submit(KeyPair auth, KeyPair sign) throws Exception {
            return submitCsrs(csrFor(auth), SoftwareCard.csr(sign.getPublic(), sign.getPrivate(), card.signing));
        }

        Reply submitCsrs(String authCsr, String signCsr) throws Exception {
            String id = start();
            return post(
                    stepPath(id, "certificate-requests"),
                    new CertificateRequests(proof(server.baseUri(), id, authCsr, signCsr), authCsr, signCsr));
        }

        void renewFully() throws Exception {
            String id = start();
            KeyPair newAuth = SoftwareCard.rsa(2048);
            JsonNode issued = JSON.readTree(
                    post(stepPath(id, "certificate-requests"), genuineRequests(id, newAuth, SoftwareCard.rsa(2048)))
                            .body());
            String serial = CertificateCodec.serialHex(CertificateCodec.decode(
                    issued.path("authenticationCertificate").asText()));
            Reply confirmed = post(
                    stepPath(id, "confirmation"),
                    new CardSignature(SoftwareCard.sign(
                            newAuth.getPrivate(), SignedMessages.confirmation(id, challenge, serial))));
            assertEquals(200, confirmed.status(), confirmed.body());
        }

        Reply post(String path, Object body) throws Exception {
            return json(path, JSON.writeValueAsString(body));
        }

        Reply json(String path, String body) throws Exception {
            return raw("POST", path, "application/json", body);
        }

        Reply raw(String method, String path, String contentType, String body) throws Exception {
            return rawBytes(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        Reply rawBytes(String path, byte[] body) throws Exception {
            return rawBytes("POST", path, "application/json", body);
        }

        Reply oversized(String path, String body) throws Exception {
            return send("POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), true);
        }

        Reply rawBytes(String method, String path, String contentType, byte[] body) throws Exception {
            return send(method, path, contentType, body, false);
        }

        private Reply send(String method, String path, String contentType, byte[] body, boolean expectContinue)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                    .expectContinue(expectContinue)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        }
    }
}
