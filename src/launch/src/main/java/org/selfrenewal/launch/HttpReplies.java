package org.selfrenewal.launch;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small helpers shared by the launch site's handlers. */
final class HttpReplies {

    /** Content-Security-Policy of the pages: everything from our own origin, no inline script. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private HttpReplies() {}

    /** True for GET and HEAD; otherwise answers 405 and returns false. */
    static boolean requireGetOrHead(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return false;
    }

    /** Headers every response of the launch site carries. */
    static void addCommonHeaders(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
    }

    /** Headers for HTML pages. */
    static void addPageHeaders(HttpFields.Mutable headers) {
        addCommonHeaders(headers);
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Frame-Options", "DENY");
    }

    /** Sends a complete body (or, for HEAD, only its length). */
    static void send(
            Request request, Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** Answers 304 if the request's validators match, and says whether it did. */
    static boolean notModified(
            Request request, Response response, Callback callback, String etag, long lastModifiedMillis) {
        HttpFields headers = request.getHeaders();
        String ifNoneMatch = headers.get(HttpHeader.IF_NONE_MATCH);
        boolean unchanged;
        if (ifNoneMatch != null) {
            unchanged = etagMatches(ifNoneMatch, etag);
        } else {
            long ifModifiedSince = headers.getDateField(HttpHeader.IF_MODIFIED_SINCE.asString());
            unchanged = ifModifiedSince >= 0 && lastModifiedMillis / 1000 <= ifModifiedSince / 1000;
        }
        if (unchanged) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
        }
        return unchanged;
    }

    private static boolean etagMatches(String ifNoneMatch, String etag) {
        String strong = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*")) {
                return true;
            }
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals(strong)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cased file extension, or an empty string. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
