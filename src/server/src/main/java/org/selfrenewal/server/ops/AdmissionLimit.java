package org.selfrenewal.server.ops;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded admission limit in front of the renewal steps (Jetty's {@link QoSHandler}): at most
 * {@code concurrent} renewal requests are worked on at once, at most {@code waiting} more wait (without
 * holding a thread) for up to {@code maxWait}; beyond that the answer is 429 {@code TOO_MANY_REQUESTS} with
 * {@code Retry-After}, and nothing was done. Renewals already under way go first (confirmation, then
 * certificate requests, then new starts), so an overload delays new renewals rather than stranding
 * started ones. Health, metrics, the page and the CRLs are not behind it.
 */
public final class AdmissionLimit extends QoSHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionLimit.class);
    static final int RETRY_AFTER_SECONDS = 1;

    private final ServerMetrics metrics;

    public AdmissionLimit(Handler api, int concurrent, int waiting, Duration maxWait, ServerMetrics metrics) {
        super(api);
        setMaxRequestCount(concurrent);
        setMaxSuspendedRequestCount(waiting);
        setMaxSuspend(maxWait);
        includePath(ApiPaths.RENEWALS, ApiPaths.RENEWALS + "/*");
        this.metrics = metrics;
    }

    /**
     * Two renewal requests per processor at once (one on the CPU, one waiting for the database or the
     * network), never more than the database pool less two connections (kept for health checks, the sweep and
     * the CRLs); as many again may wait up to a second. Measured: the peak rate is reached at about two
     * concurrent renewals per processor, and more only lengthens the queue (docs/performance.md).
     */
    public static AdmissionLimit forPool(Handler api, int poolSize, ServerMetrics metrics) {
        int concurrent =
                Math.max(1, Math.min(poolSize - 2, 2 * Runtime.getRuntime().availableProcessors()));
        return new AdmissionLimit(api, concurrent, concurrent, Duration.ofSeconds(1), metrics);
    }

    @Override
    protected int getPriority(Request request) {
        String path = Request.getPathInContext(request);
        if (path.endsWith("/confirmation") || path.endsWith("/cancellation")) {
            return 2;
        }
        return path.endsWith("/certificate-requests") ? 1 : 0;
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(request, response, callback);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable x) {
        busy(request, response, callback);
    }

    private void busy(Request request, Response response, Callback callback) {
        LOG.debug("Busy: refused {} {}", request.getMethod(), Request.getPathInContext(request));
        if (metrics != null) {
            metrics.busy();
        }
        try {
            byte[] body = ProtocolJson.mapper().writeValueAsBytes(ErrorResponse.of(ErrorCode.TOO_MANY_REQUESTS));
            response.setStatus(429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (Exception e) {
            Response.writeError(request, response, callback, 429);
        }
    }
}
