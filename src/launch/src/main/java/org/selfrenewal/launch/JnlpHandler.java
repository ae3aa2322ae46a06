package org.selfrenewal.launch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the JNLP as a download: {@code application/x-java-jnlp-file} (or
 * {@value IeCompatLaunchProfile#JNLPX_CONTENT_TYPE} for {@code .jnlpx}),
 * {@code Content-Disposition: attachment}, and cache headers IE11 accepts over HTTPS.
 */
public final class JnlpHandler extends Handler.Abstract.NonBlocking {

    /** Content type of {@code .jnlp} files. */
    public static final String JNLP_CONTENT_TYPE = "application/x-java-jnlp-file";

    private final IeCompatLaunchProfile ieCompat;
    private final byte[] jnlp;
    private final byte[] jnlpx;

    /** Renders the JNLP (and the .jnlpx twin) for one configuration. */
    public JnlpHandler(LaunchSiteConfig config, IeCompatLaunchProfile ieCompat) {
        this.ieCompat = ieCompat;
        LaunchUrls urls = new LaunchUrls(config);
        JnlpDocument document = new JnlpDocument(config);
        this.jnlp = bytes(document, urls.jnlp());
        this.jnlpx = bytes(document, urls.jnlpx());
    }

    private static byte[] bytes(JnlpDocument document, URI self) {
        return document.render(self).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean wantsJnlpx = path.equals(LaunchPaths.JNLPX);
        if (wantsJnlpx && !ieCompat.jnlpxEnabled()) {
            return false;
        }
        if (!wantsJnlpx && !path.equals(LaunchPaths.JNLP)) {
            return false;
        }
        if (!HttpReplies.requireGetOrHead(request, response, callback)) {
            return true;
        }
        HttpFields.Mutable headers = response.getHeaders();
        HttpReplies.addCommonHeaders(headers);
        String fileName = wantsJnlpx ? LaunchPaths.JNLPX_FILE : LaunchPaths.JNLP_FILE;
        headers.put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        ieCompat.applyDownloadHeaders(headers);
        HttpReplies.send(
                request,
                response,
                callback,
                200,
                wantsJnlpx ? IeCompatLaunchProfile.JNLPX_CONTENT_TYPE : JNLP_CONTENT_TYPE,
                wantsJnlpx ? jnlpx : jnlp);
        return true;
    }
}
