package org.selfrenewal.server.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.limits.RateLimiter;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.renewal.RenewalRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON front door of the renewal protocol under {@value ApiPaths#BASE}. Strict at the edge: POST
 * with an {@code application/json} body of at most 64 KiB, read by {@link ProtocolJson#strictMapper()};
 * 405 for other methods, 415 for other media types, 429 with Retry-After past the per-address limit on
 * starts. No response carries a stack trace or an internal detail. Every request but the health check
 * gets a request id (answered in {@code X-Request-Id}) and is audited with the client's address, refused
 * ones included; the core's refusal reasons become codes and statuses through {@link RefusalCodes}.
 */
public final class RenewalApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalApiHandler.class);
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The response header naming the request's id, as the audit trail records it. */
    public static final String REQUEST_ID = "X-Request-Id";

    private static final Pattern RENEWAL_STEP =
            Pattern.compile("^" + Pattern.quote(ApiPaths.RENEWALS) + "/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                    + "[0-9a-f]{4}-[0-9a-f]{12})/(certificate-requests|confirmation|cancellation|state)$");

    private final RenewalService service;
    private final ObjectMapper json = ProtocolJson.strictMapper();
    private final RateLimiter startsPerAddress;
    private volatile ApiObserver observer = ApiObserver.NONE;

    public RenewalApiHandler(RenewalService service) {
        this(service, new RateLimiter(20, Duration.ofSeconds(1), 100_000, Clock.systemUTC()));
    }

    public RenewalApiHandler(RenewalService service, RateLimiter startsPerAddress) {
        this.service = service;
        this.startsPerAddress = startsPerAddress;
    }

    /** Who is told of every answer (metrics); {@link ApiObserver#NONE} by default. */
    public RenewalApiHandler observedBy(ApiObserver newObserver) {
        this.observer = newObserver;
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(ApiPaths.BASE) && !path.startsWith(ApiPaths.BASE + "/")) {
            return false;
        }
        long started = System.nanoTime();
        String step = stepOf(path);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        AuditOrigin origin = AuditOrigin.apiRequest(UUID.randomUUID().toString(), Request.getRemoteAddr(request));
        if (!path.equals(ApiPaths.HEALTH)) {
            response.getHeaders().put(REQUEST_ID, origin.requestId());
        }
        try {
            Object answer = route(request, path, origin);
            int status = path.equals(ApiPaths.RENEWALS) ? 201 : 200;
            send(response, callback, status, answer);
            observer.answered(step, status, null, System.nanoTime() - started);
        } catch (RenewalRefusal refusal) {
            ErrorResponse body = RefusalCodes.response(refusal);
            String retryAfter = body.details().get("retryAfterSeconds");
            if (retryAfter != null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            }
            RefusalCodes.Answer answer = RefusalCodes.answer(refusal.reason());
            send(response, callback, answer.httpStatus(), body);
            observer.answered(step, answer.httpStatus(), answer.code(), System.nanoTime() - started);
        } catch (EdgeRefusal e) {
            LOG.info("Refused at the edge {} {}: {} ({})", request.getMethod(), path, e.code, e.getMessage());
            auditEdgeRefusal(request, path, e, origin);
            if (e.code == ErrorCode.METHOD_NOT_ALLOWED) {
                response.getHeaders().put(HttpHeader.ALLOW, e.allow);
            }
            if (e.retryAfterSeconds > 0) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
            }
            send(response, callback, e.status, ErrorResponse.of(e.code));
            observer.answered(step, e.status, e.code, System.nanoTime() - started);
        } catch (RuntimeException | IOException e) {
            LOG.error("Renewal API failure on {}", path, e);
            send(response, callback, 500, ErrorResponse.of(ErrorCode.SERVICE_ERROR));
            observer.answered(step, 500, null, System.nanoTime() - started);
        }
        return true;
    }

    /** The step a path names, as the metrics label it (a bounded set: never the renewal id). */
    private static String stepOf(String path) {
        if (path.equals(ApiPaths.RENEWALS)) {
            return "start";
        }
        if (path.equals(ApiPaths.HEALTH)) {
            return "health";
        }
        Matcher step = RENEWAL_STEP.matcher(path);
        return step.matches() ? step.group(2) : "other";
    }

    /** A request refused before the service read it is audited too (as far as the database lets us). */
    private void auditEdgeRefusal(Request request, String path, EdgeRefusal e, AuditOrigin origin) {
        if (path.equals(ApiPaths.HEALTH)) {
            return;
        }
        try {
            Matcher step = RENEWAL_STEP.matcher(path);
            service.core()
                    .refusedAtTheDoor(
                            null,
                            step.matches() ? step.group(1) : null,
                            e.code + " (" + e.status + "): " + e.getMessage() + " [" + request.getMethod() + " "
                                    + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + "]",
                            origin);
        } catch (RuntimeException auditFailure) {
            LOG.warn("Could not audit a refused request", auditFailure);
        }
    }

    private Object route(Request request, String path, AuditOrigin origin) throws IOException {
        String method = request.getMethod();
        if (path.equals(ApiPaths.HEALTH)) {
            requireMethod(method, "GET");
            return Map.of("status", "up");
        }
        boolean start = path.equals(ApiPaths.RENEWALS);
        Matcher step = RENEWAL_STEP.matcher(path);
        if (!start && !step.matches()) {
            throw new EdgeRefusal(404, ErrorCode.RENEWAL_NOT_FOUND, "no such resource");
        }
        requireMethod(method, "POST");
        requireJson(request);
        if (start) {
            Duration wait = startsPerAddress.acquire(Request.getRemoteAddr(request));
            if (!wait.isZero()) {
                throw new EdgeRefusal(429, ErrorCode.TOO_MANY_REQUESTS, "too many starts from this address")
                        .retryAfter(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
            }
            return service.start(body(request, StartRenewal.class), origin);
        }
        String renewalId = step.group(1);
        return switch (step.group(2)) {
            case "certificate-requests" -> service.submitRequests(
                    renewalId, body(request, CertificateRequests.class), origin);
            case "confirmation" -> service.confirm(renewalId, body(request, CardSignature.class), origin);
            case "state" -> service.state(renewalId, body(request, RenewalStateRequest.class), origin);
            default -> service.cancel(renewalId, body(request, CardSignature.class), origin);
        };
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            EdgeRefusal refusal = new EdgeRefusal(405, ErrorCode.METHOD_NOT_ALLOWED, method + " not allowed");
            refusal.allow = allowed;
            throw refusal;
        }
    }

    /** Only {@code application/json} (optionally with {@code charset=utf-8}): no form or text posts cross-site. */
    private static void requireJson(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !JsonMediaType.isJson(type)) {
            throw new EdgeRefusal(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content type is not application/json");
        }
    }

    private <T> T body(Request request, Class<T> type) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw new EdgeRefusal(413, ErrorCode.BAD_REQUEST, "body of " + declared + " bytes declared");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new EdgeRefusal(413, ErrorCode.BAD_REQUEST, "body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return RequestParsing.read(json, bytes, type);
        } catch (RequestParsing.Unreadable e) {
            throw new EdgeRefusal(400, ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            // The client stopped sending its body (idle timeout, closed connection): its problem, nothing done.
            throw new EdgeRefusal(400, ErrorCode.BAD_REQUEST, "request body not received: " + e.getMessage());
        }
    }

    private void send(Response response, Callback callback, int status, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (JacksonException e) {
            Response.writeError(null, response, callback, 500);
        }
    }

    /** Refused before the renewal service saw the request; nothing was done. */
    private static final class EdgeRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int status;
        final ErrorCode code;
        String allow;
        long retryAfterSeconds;

        EdgeRefusal(int status, ErrorCode code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        EdgeRefusal retryAfter(long seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }
    }
}
