package org.selfrenewal.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AccessController;
import java.security.NoSuchAlgorithmException;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/**
 * The renewal API as seen from the card holder's machine: the JDK's own HTTP client ({@code java.net.http}, nothing
 * to download; issue 10) over HTTP/1.1, direct (no proxy), with explicit timeouts, no redirects followed and no request retried (the
 * JDK retries only idempotent requests, and every call here is a POST), JSON by {@link RenewalApiJson}.
 */
public final class RenewalApiClient implements RenewalApi {

    private final URI baseUri;
    /** Connecting (TCP and TLS handshake) may take this long. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** From sending a request to the answer's headers: the server signs two certificates in this time. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;

    /** A client trusting the runtime's default certificate authorities. */
    public RenewalApiClient(URI baseUri) {
        this(baseUri, defaultContext());
    }

    /** A client whose TLS connections trust what {@code sslContext} trusts (see {@link TrustAnchors}). */
    @SuppressWarnings("removal")
    public RenewalApiClient(URI baseUri, SSLContext sslContext) {
        this.baseUri = URI.create(baseUri.toString().replaceAll("/+$", ""));
        // made privileged too: the client's own threads inherit the context they are made in
        this.http = AccessController.doPrivileged((PrivilegedAction<HttpClient>) () -> build(sslContext));
    }

    private static HttpClient build(SSLContext sslContext) {
        return HttpClient.newBuilder()
                .sslContext(sslContext)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                // straight to the service, as HttpClient 5 went (it used no proxy either); nor is the JNLP client's
                // proxy selector asked, which under IcedTea-Web's security manager resolves names unprivileged
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                // its own daemon threads, never the common pool (whose threads have no permissions under a
                // JNLP client's security manager)
                .executor(Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "renewal-service-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    @Override
    public URI serviceUri() {
        return baseUri;
    }

    @Override
    public RenewalStarted start(StartRenewal request) throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.RENEWALS, request, RenewalStarted.class);
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.certificateRequests(renewalId), request, IssuedCertificates.class);
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.confirmation(renewalId), statement, RenewalOutcome.class);
    }

    @Override
    public RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.cancellation(renewalId), statement, RenewalOutcome.class);
    }

    @Override
    public RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.state(renewalId), request, RenewalStatus.class);
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    private <T> T post(String path, Object body, Class<T> answerType)
            throws RenewalRefusedException, ServiceUnreachableException {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                    .timeout(RESPONSE_TIMEOUT)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(RenewalApiJson.write(body)))
                    .build();
            HttpResponse<byte[]> response = send(request);
            byte[] content = response.body() == null ? new byte[0] : response.body();
            if (response.statusCode() / 100 == 2) {
                return RenewalApiJson.read(content, answerType);
            }
            throw new RenewalRefusedException(readError(response.statusCode(), content));
        } catch (IOException e) {
            throw new ServiceUnreachableException(baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting for the service");
            interrupted.initCause(e);
            throw new ServiceUnreachableException(baseUri, interrupted);
        }
    }

    /**
     * Sends with this application's own permissions only: under a JNLP client's security manager the calling
     * thread's context may hold code with fewer (the JNLP client's launcher), which the JDK's HTTP client would
     * otherwise be checked against when it resolves the service's address.
     */
    @SuppressWarnings("removal")
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return AccessController.doPrivileged((PrivilegedExceptionAction<HttpResponse<byte[]>>)
                    () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof IOException io) {
                throw io;
            }
            if (e.getException() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException(e.getException());
        }
    }

    private ErrorResponse readError(int status, byte[] content) {
        try {
            ErrorResponse error = RenewalApiJson.read(content, ErrorResponse.class);
            if (error != null && error.code() != null && error.message() != null) {
                return error;
            }
        } catch (IOException | RuntimeException ignored) {
            // not one of our error documents: fall through
        }
        return ErrorResponse.of(status >= 500 ? ErrorCode.SERVICE_ERROR : ErrorCode.BAD_REQUEST);
    }

    /** Nothing to release: the JDK's client (Java 17) has no close; its daemon threads end with it. */
    @Override
    public void close() {}
}
