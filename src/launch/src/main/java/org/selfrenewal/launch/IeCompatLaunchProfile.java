package org.selfrenewal.launch;

import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Everything specific to Internet Explorer 11 and Edge in IE mode, on the server side. Its
 * browser-side half lives in {@code web/ie-compat/} (page template, ES5 script, CSS).
 *
 * <ul>
 *   <li>The page: {@code web/ie-compat/page.html}, which loads {@code ie-compat.js} (ES5; it shows
 *       the "old IE mode" guidance when {@code document.documentMode < 11}) and {@code ie-compat.css}.</li>
 *   <li>{@code X-UA-Compatible: IE=edge}, as a header and a {@code <meta>}: asks IE for its
 *       standards mode (an enterprise-mode site list can still force an old mode, which the
 *       script detects). {@code IE=edge} is also the only value the HTML validator accepts.</li>
 *   <li>Download headers: IE11 refuses to save a file served over HTTPS with
 *       {@code Cache-Control: no-cache} or {@code no-store} (Microsoft KB 323308), so the JNLP is
 *       sent {@code private, max-age=}{@value #DOWNLOAD_MAX_AGE_SECONDS}. Edge IE mode cannot be
 *       told apart from IE11 by its User-Agent, so {@link JnlpHandler} uses these headers for
 *       every browser; they are harmless elsewhere.</li>
 *   <li>{@code .jnlpx} ({@value #JNLPX_CONTENT_TYPE}): OpenWebStart registers this extension so it
 *       can coexist with an Oracle Java Web Start that still owns {@code .jnlp}. Offered on the
 *       IE-compat page and served only when {@link LaunchSiteConfig#offerJnlpx()} is set.</li>
 * </ul>
 */
public final class IeCompatLaunchProfile {

    /** The only {@code X-UA-Compatible} value we send. */
    public static final String X_UA_COMPATIBLE = "IE=edge";
    /** How long browsers may keep the JNLP; short, because the jar list can change. */
    public static final int DOWNLOAD_MAX_AGE_SECONDS = 300;
    /** The {@code Cache-Control} value for downloads IE must save. */
    public static final String DOWNLOAD_CACHE_CONTROL = "private, max-age=" + DOWNLOAD_MAX_AGE_SECONDS;
    /** Content type of the {@code .jnlpx} file. */
    public static final String JNLPX_CONTENT_TYPE = "application/x-java-jnlpx-file";
    /** Where the IE-compat page, script and CSS live, on the classpath and in the source tree. */
    public static final String RESOURCE_FOLDER = "web/ie-compat/";

    private final Template page = Template.fromClasspath(RESOURCE_FOLDER + "page.html");
    private final Template jnlpxOffer = Template.fromClasspath(RESOURCE_FOLDER + "jnlpx-offer.html");
    private final boolean offerJnlpx;
    private final LaunchUrls urls;

    /** Creates the profile for one configuration. */
    public IeCompatLaunchProfile(LaunchSiteConfig config) {
        this.offerJnlpx = config.offerJnlpx();
        this.urls = new LaunchUrls(config);
    }

    /** Whether {@code selfrenewal.jnlpx} is served and offered. */
    public boolean jnlpxEnabled() {
        return offerJnlpx;
    }

    /**
     * Renders the IE-compat page.
     *
     * @param parts    the shared page parts
     * @param oldIeMode the compatibility table's verdict for old IE modes (its guidance is shown
     *                 by the script when the document mode is below 11)
     */
    public Markup renderPage(PageParts parts, BrowserVerdict oldIeMode) {
        Map<String, Object> values = parts.values();
        values.put("oldIeGuidance", oldIeMode.guidance());
        values.put(
                "jnlpxOffer",
                offerJnlpx ? jnlpxOffer.render(Map.of("jnlpxUrl", urls.jnlpx().toString())) : Markup.EMPTY);
        return page.render(values);
    }

    /** Headers for the IE-compat page. */
    public void applyPageHeaders(HttpFields.Mutable headers) {
        headers.put("X-UA-Compatible", X_UA_COMPATIBLE);
    }

    /** Cache headers for a file IE11 must be able to save over HTTPS (no no-cache, no no-store, no Pragma). */
    public void applyDownloadHeaders(HttpFields.Mutable headers) {
        headers.put(HttpHeader.CACHE_CONTROL, DOWNLOAD_CACHE_CONTROL);
        headers.remove(HttpHeader.PRAGMA);
        headers.remove(HttpHeader.EXPIRES);
    }
}
