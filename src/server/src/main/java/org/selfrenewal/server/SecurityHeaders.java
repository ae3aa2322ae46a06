package org.selfrenewal.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every response, before any handler answers: HSTS over HTTPS (browsers then never try the
 * service over plain HTTP), and no content sniffing. Declines every request, so the next handler answers.
 */
final class SecurityHeaders extends Handler.Abstract {

    static final String HSTS = "max-age=31536000";

    private final boolean secure;

    SecurityHeaders(boolean secure) {
        this.secure = secure;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (secure) {
            response.getHeaders().put("Strict-Transport-Security", HSTS);
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        return false;
    }
}
