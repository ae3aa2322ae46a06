package org.selfrenewal.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.protocol.SignedStatement;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.renewal.RenewalRefusal;
import org.selfrenewal.server.renewal.RenewalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON front door of the renewal protocol under {@value ApiPaths#BASE}. */
public final class RenewalApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalApiHandler.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern RENEWAL_STEP =
            Pattern.compile("^" + Pattern.quote(ApiPaths.RENEWALS) + "/([0-9a-fA-F-]{36})/([a-z-]+)$");

    private final RenewalService service;
    private final ObjectMapper json = ProtocolJson.mapper();

    public RenewalApiHandler(RenewalService service) {
        this.service = service;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(ApiPaths.BASE + "/")) {
            return false;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            Object answer = route(request, path);
            if (answer == null) {
                send(response, callback, 404, ErrorResponse.of(ErrorCode.RENEWAL_NOT_FOUND));
            } else {
                send(response, callback, path.equals(ApiPaths.RENEWALS) ? 201 : 200, answer);
            }
        } catch (RenewalRefusal refusal) {
            send(response, callback, refusal.code().httpStatus(), refusal.toResponse());
        } catch (BadRequest e) {
            LOG.info("Bad request to {}: {}", path, e.getMessage());
            send(response, callback, 400, ErrorResponse.of(ErrorCode.BAD_REQUEST));
        } catch (RuntimeException | IOException e) {
            LOG.error("Renewal API failure on {}", path, e);
            send(response, callback, 500, ErrorResponse.of(ErrorCode.SERVICE_ERROR));
        }
        return true;
    }

    private Object route(Request request, String path) throws IOException {
        if (path.equals(ApiPaths.HEALTH) && HttpMethod.GET.is(request.getMethod())) {
            return java.util.Map.of("status", "up");
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            throw new BadRequest(request.getMethod() + " not allowed on " + path);
        }
        if (path.equals(ApiPaths.RENEWALS)) {
            return service.start(body(request, StartRenewal.class));
        }
        Matcher step = RENEWAL_STEP.matcher(path);
        if (!step.matches()) {
            return null;
        }
        String renewalId = step.group(1);
        return switch (step.group(2)) {
            case "certificate-requests" -> service.submitRequests(renewalId, body(request, CertificateRequests.class));
            case "confirmation" -> service.confirm(renewalId, body(request, SignedStatement.class));
            case "cancellation" -> service.cancel(renewalId, body(request, SignedStatement.class));
            default -> null;
        };
    }

    private <T> T body(Request request, Class<T> type) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadRequest("body larger than " + MAX_BODY_BYTES + " bytes");
            }
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new BadRequest("empty body");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new BadRequest("not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private void send(Response response, Callback callback, int status, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
        } catch (JsonProcessingException e) {
            Response.writeError(null, response, callback, 500);
        }
    }

    /** The request could not be read; nothing was done. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

}
