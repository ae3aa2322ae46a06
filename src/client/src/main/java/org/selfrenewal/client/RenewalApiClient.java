package org.selfrenewal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.SignedStatement;
import org.selfrenewal.protocol.StartRenewal;

/** The renewal API as seen from the card holder's machine (Apache HttpClient 5 + Jackson). */
public final class RenewalApiClient implements RenewalApi {

    private final URI baseUri;
    private final CloseableHttpClient http;
    private final ObjectMapper json = ProtocolJson.mapper();

    /** A client trusting the runtime's default certificate authorities. */
    public RenewalApiClient(URI baseUri) {
        this(baseUri, defaultContext());
    }

    /** A client whose TLS connections trust what {@code sslContext} trusts (see {@link TrustAnchors}). */
    public RenewalApiClient(URI baseUri, SSLContext sslContext) {
        this.baseUri = URI.create(baseUri.toString().replaceAll("/+$", ""));
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(10, TimeUnit.SECONDS))
                        .setResponseTimeout(Timeout.of(60, TimeUnit.SECONDS))
                        .build())
                .disableAutomaticRetries()
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
    public RenewalOutcome confirm(String renewalId, SignedStatement statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return post(ApiPaths.confirmation(renewalId), statement, RenewalOutcome.class);
    }

    @Override
    public RenewalOutcome cancel(String renewalId, SignedStatement statement)
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
        HttpPost post = new HttpPost(baseUri.resolve(path));
        try {
            post.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            return http.execute(post, response -> {
                byte[] content =
                        response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() / 100 == 2) {
                    return answerType.cast(json.readValue(content, answerType));
                }
                throw new RefusalCarrier(readError(response.getCode(), content));
            });
        } catch (RefusalCarrier carrier) {
            throw new RenewalRefusedException(carrier.error);
        } catch (IOException e) {
            throw new ServiceUnreachableException(baseUri, e);
        }
    }

    private ErrorResponse readError(int status, byte[] content) {
        try {
            ErrorResponse error = json.readValue(content, ErrorResponse.class);
            if (error != null && error.code() != null && error.message() != null) {
                return error;
            }
        } catch (IOException | RuntimeException ignored) {
            // not one of our error documents: fall through
        }
        return ErrorResponse.of(status >= 500 ? ErrorCode.SERVICE_ERROR : ErrorCode.BAD_REQUEST);
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** Carries a refusal out of the response handler, which may only throw IOException. */
    private static final class RefusalCarrier extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient ErrorResponse error;

        RefusalCarrier(ErrorResponse error) {
            super(error.code().name(), null);
            this.error = error;
        }
    }
}
