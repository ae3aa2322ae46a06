package org.selfrenewal.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.ProtocolJson;

/**
 * The answer to requests Jetty refuses before any handler (an ambiguous or malformed URI, a bad header):
 * the API's error shape with a stable code and no message from Jetty, no stack, no server name or version.
 */
final class QuietErrors implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int code = status instanceof Integer value ? value : response.getStatus();
        ErrorCode error = code >= 500
                ? ErrorCode.SERVICE_ERROR
                : code == 404
                        ? ErrorCode.RENEWAL_NOT_FOUND
                        : code == 405
                                ? ErrorCode.METHOD_NOT_ALLOWED
                                : code == 415 ? ErrorCode.UNSUPPORTED_MEDIA_TYPE : ErrorCode.BAD_REQUEST;
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(
                true, ByteBuffer.wrap(ProtocolJson.mapper().writeValueAsBytes(ErrorResponse.of(error))), callback);
        return true;
    }
}
