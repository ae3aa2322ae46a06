package org.selfrenewal.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;

/**
 * Complete renewals over the real protocol (start, proof with both requests, confirmation with the new
 * key) against the server under load, as many card holders' clients at once. A busy answer (429 or 503
 * with Retry-After) is waited out and retried, at most {@link #MAX_ATTEMPTS} times a step; a renewal that
 * cannot finish is cancelled with a signed cancellation, so none is left open.
 */
final class LoadClient {

    static final int MAX_ATTEMPTS = 8;

    enum Outcome {
        CONFIRMED,
        REFUSED_BUSY_AT_START,
        CANCELLED,
        FAILED
    }

    /** One renewal's result: outcome, wall time from the first start to the last answer, busy answers met. */
    record Result(Outcome outcome, long nanos, int busyAnswers) {}

    private final TrustManager[] trust;
    private final URI base;
    private final AtomicLong nextAddress = new AtomicLong();
    private final ObjectMapper json = ProtocolJson.mapper();
    final AtomicLong busyWithRetryAfter = new AtomicLong();
    final AtomicLong busyWithoutRetryAfter = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();

    /**
     * Clients for the server at {@code base}, trusting its development root ({@code <data>/ca/root-ca.pem};
     * null for plain HTTP on loopback).
     */
    LoadClient(URI base, Path rootPem) throws Exception {
        this.base = base;
        this.trust = rootPem == null ? null : trustManagers(rootPem);
    }

    static SSLContext tls(Path rootPem) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers(rootPem), null);
        return tls;
    }

    private static TrustManager[] trustManagers(Path rootPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(rootPem)) {
            trust.setCertificateEntry(
                    "root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }

    /** A client for java.net.http (health probes), trusting the same root (null: plain HTTP). */
    static HttpClient probe(Path rootPem) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (rootPem != null) {
            builder.sslContext(tls(rootPem));
        }
        return builder.version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Each renewal is a card holder's own client: a new connection from its own loopback address (127.0.0.2
     * to 127.0.0.251, in turn), as card holders come from many addresses and the server limits starts per
     * address; and a full TLS handshake, as a freshly started client JVM makes: each client has its own
     * SSLContext, so its session cache is empty (one shared context would resume the sessions before with the
     * server's session tickets, sparing the server its handshake signature and the certificate's checks).
     */
    private CloseableHttpClient newCardHolderClient() throws Exception {
        SSLContext tls;
        if (trust == null) {
            tls = SSLContext.getDefault();
        } else {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, trust, null);
        }
        InetAddress local =
                InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + nextAddress.getAndIncrement() % 250)});
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .build())
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE) {
                    @Override
                    protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
                        return local;
                    }
                })
                .disableAutomaticRetries()
                .build();
    }

    /** One answer: status, Retry-After (or null), body. */
    private record Answer(int statusCode, String retryAfter, byte[] body) {}

    Result renew(LoadKeys keys, LoadKeys.Prepared card, X509Certificate authentication, X509Certificate signing)
            throws Exception {
        try (CloseableHttpClient http = newCardHolderClient()) {
            return renew(http, keys, card, authentication, signing);
        }
    }

    private Result renew(
            CloseableHttpClient http,
            LoadKeys keys,
            LoadKeys.Prepared card,
            X509Certificate authentication,
            X509Certificate signing)
            throws Exception {
        long started = System.nanoTime();
        int[] busy = {0};
        Answer answer = post(
                http,
                ApiPaths.RENEWALS,
                new StartRenewal(CertificateCodec.encode(authentication), CertificateCodec.encode(signing)),
                busy);
        if (answer.statusCode() == 429 || answer.statusCode() == 503) {
            return new Result(Outcome.REFUSED_BUSY_AT_START, System.nanoTime() - started, busy[0]);
        }
        if (answer.statusCode() != 201) {
            unexpected.incrementAndGet();
            return new Result(Outcome.FAILED, System.nanoTime() - started, busy[0]);
        }
        RenewalStarted renewal = json.readValue(answer.body(), RenewalStarted.class);
        String id = renewal.renewalId();
        byte[] proof = sign(
                keys.authentication.getPrivate(),
                SignedMessages.possession(base, id, renewal.challenge(), card.authenticationCsr(), card.signingCsr()));
        answer = post(
                http,
                ApiPaths.certificateRequests(id),
                new CertificateRequests(
                        CertificateCodec.base64(proof),
                        CertificateCodec.base64(card.authenticationCsr()),
                        CertificateCodec.base64(card.signingCsr())),
                busy);
        if (answer.statusCode() == 200) {
            IssuedCertificates issued = json.readValue(answer.body(), IssuedCertificates.class);
            X509Certificate newAuthentication = CertificateCodec.decode(issued.authenticationCertificate());
            byte[] confirmation = sign(
                    card.newAuthentication().getPrivate(),
                    SignedMessages.confirmation(
                            id, renewal.challenge(), CertificateCodec.serialHex(newAuthentication)));
            answer = post(
                    http, ApiPaths.confirmation(id), new CardSignature(CertificateCodec.base64(confirmation)), busy);
            if (answer.statusCode() == 200) {
                return new Result(Outcome.CONFIRMED, System.nanoTime() - started, busy[0]);
            }
        }
        // Could not finish: abandon it cleanly, as the card holder's client does.
        byte[] cancellation =
                sign(keys.authentication.getPrivate(), SignedMessages.cancellation(id, renewal.challenge()));
        answer = post(http, ApiPaths.cancellation(id), new CardSignature(CertificateCodec.base64(cancellation)), busy);
        if (answer.statusCode() != 200) {
            unexpected.incrementAndGet();
            return new Result(Outcome.FAILED, System.nanoTime() - started, busy[0]);
        }
        return new Result(Outcome.CANCELLED, System.nanoTime() - started, busy[0]);
    }

    /** POSTs {@code body}; a busy answer is retried after its Retry-After, at most MAX_ATTEMPTS times. */
    private Answer post(CloseableHttpClient http, String path, Object body, int[] busy) throws Exception {
        byte[] bytes = json.writeValueAsBytes(body);
        Answer answer = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HttpPost post = new HttpPost(base.resolve(path));
            post.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
            answer = http.execute(post, response -> {
                var retry = response.getFirstHeader("Retry-After");
                return new Answer(
                        response.getCode(),
                        retry == null ? null : retry.getValue(),
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()));
            });
            int status = answer.statusCode();
            if (status != 429 && status != 503) {
                return answer;
            }
            busy[0]++;
            (answer.retryAfter() != null ? busyWithRetryAfter : busyWithoutRetryAfter).incrementAndGet();
            long seconds = answer.retryAfter() == null
                    ? 1
                    : Long.parseLong(answer.retryAfter().trim());
            Thread.sleep(Math.min(5, Math.max(1, seconds)) * 1000L);
        }
        return answer;
    }

    private static byte[] sign(PrivateKey key, byte[] message) throws Exception {
        Signature signature = Signature.getInstance(SignedMessages.SIGNATURE_ALGORITHM);
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }
}
