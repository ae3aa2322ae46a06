package org.selfrenewal.launch;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The launch site: the browser-facing front door of the self-renewal service, as one Jetty 12
 * core {@link Handler}. Mount it on a server (or in a {@code Handler.Sequence}); it answers
 *
 * <ul>
 *   <li>{@code GET /urswebapp/?operation=selfRenewSmartcard}: the renewal page, in the variant
 *       {@code web/compatibility.json} picks for the browser ({@link RenewalPageHandler});</li>
 *   <li>{@code GET /urswebapp/} without or with another operation: the service information page;
 *       {@code /urswebapp} redirects to {@code /urswebapp/};</li>
 *   <li>{@code GET /urswebapp/selfrenewal.jnlp} (and {@code .jnlpx} when enabled): the JNLP ({@link JnlpHandler});</li>
 *   <li>{@code GET /urswebapp/jars/<name>.jar}: the client jars, if a jar directory is configured ({@link JarHandler});</li>
 *   <li>{@code GET /urswebapp/static/...}: CSS and scripts from {@code web/} ({@link StaticAssetHandler}).</li>
 * </ul>
 *
 * Any other path is not handled ({@code handle} returns {@code false}), so the server can put its
 * own handlers next to this one.
 */
public final class LaunchSite extends Handler.Abstract {

    private final LaunchSiteConfig config;
    private final RenewalPageHandler pages;
    private final JnlpHandler jnlp;
    private final JarHandler jars;
    private final StaticAssetHandler assets = new StaticAssetHandler();

    private LaunchSite(LaunchSiteConfig config, CompatibilityTable compatibility) {
        this.config = config;
        IeCompatLaunchProfile ieCompat = new IeCompatLaunchProfile(config);
        this.pages = new RenewalPageHandler(new RenewalPages(config, compatibility, ieCompat), ieCompat);
        this.jnlp = new JnlpHandler(config, ieCompat);
        this.jars = config.jarDirectory() == null ? null : new JarHandler(config.jarDirectory());
        addBean(pages);
        addBean(jnlp);
        addBean(assets);
        if (jars != null) {
            addBean(jars);
        }
    }

    /** The launch site for a configuration, with the compatibility table from {@code web/compatibility.json}. */
    public static LaunchSite handler(LaunchSiteConfig config) {
        return new LaunchSite(config, CompatibilityTable.load());
    }

    /** The launch site with a given compatibility table (tests, or a table loaded from elsewhere). */
    public static LaunchSite handler(LaunchSiteConfig config, CompatibilityTable compatibility) {
        return new LaunchSite(config, compatibility);
    }

    /** Also gives the server to the inner handlers (Jetty calls this when the site is mounted). */
    @Override
    public void setServer(Server server) {
        super.setServer(server);
        pages.setServer(server);
        jnlp.setServer(server);
        assets.setServer(server);
        if (jars != null) {
            jars.setServer(server);
        }
    }

    /** The configuration this site was built with. */
    public LaunchSiteConfig config() {
        return config;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/urswebapp")) {
            String query = request.getHttpURI().getQuery();
            Response.sendRedirect(
                    request,
                    response,
                    callback,
                    HttpStatus.MOVED_PERMANENTLY_301,
                    LaunchPaths.APP + (query == null ? "" : "?" + query),
                    true);
            return true;
        }
        if (path.equals(LaunchPaths.APP)) {
            return pages.handle(request, response, callback);
        }
        if (path.equals(LaunchPaths.JNLP) || path.equals(LaunchPaths.JNLPX)) {
            return jnlp.handle(request, response, callback);
        }
        if (path.startsWith(LaunchPaths.JARS)) {
            return jars != null && jars.handle(request, response, callback);
        }
        if (path.startsWith(LaunchPaths.STATIC)) {
            return assets.handle(request, response, callback);
        }
        return false;
    }
}
