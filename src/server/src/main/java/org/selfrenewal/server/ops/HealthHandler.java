package org.selfrenewal.server.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}: 200 {@code {"status":"up","database":"up","ca":"up"}} when the service can renew, 503
 * with the part that is down otherwise. Outside the API's admission limit, so it answers under overload.
 */
public final class HealthHandler extends Handler.Abstract {

    public static final String PATH = "/health";

    private final HealthCheck check;

    public HealthHandler(HealthCheck check) {
        this.check = check;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        HealthCheck.Health health = check.check();
        StringBuilder json = new StringBuilder("{\"status\":\"")
                .append(health.up() ? "up" : "down")
                .append('"');
        for (Map.Entry<String, String> part : health.parts().entrySet()) {
            json.append(",\"")
                    .append(part.getKey())
                    .append("\":\"")
                    .append(part.getValue())
                    .append('"');
        }
        json.append("}\n");
        response.setStatus(health.up() ? 200 : 503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
