package org.selfrenewal.launch;

import java.net.URI;

/** The absolute addresses of the launch site, derived from {@link LaunchSiteConfig#publicBaseUrl()}. */
public final class LaunchUrls {

    private final URI appBase;

    /** Derives the addresses from the configured public base URL. */
    public LaunchUrls(LaunchSiteConfig config) {
        URI base = config.publicBaseUrl();
        this.appBase = URI.create(base.getScheme() + "://" + base.getRawAuthority() + LaunchPaths.APP);
    }

    /** {@code https://host/urswebapp/}: the JNLP codebase. */
    public URI codebase() {
        return appBase;
    }

    /** The renewal page users open: {@code https://host/urswebapp/?operation=selfRenewSmartcard}. */
    public URI renewalPage() {
        return appBase.resolve(LaunchPaths.RENEWAL_PAGE);
    }

    /** The JNLP download. */
    public URI jnlp() {
        return appBase.resolve(LaunchPaths.JNLP);
    }

    /** The .jnlpx download. */
    public URI jnlpx() {
        return appBase.resolve(LaunchPaths.JNLPX);
    }

    /**
     * The JNLP through OpenWebStart's own URL scheme: {@code jnlps://host/...} for an https site,
     * {@code jnlp://host/...} for plain http (development only).
     */
    public URI jnlpProtocolLink() {
        String scheme = "https".equals(appBase.getScheme()) ? "jnlps" : "jnlp";
        return URI.create(scheme + "://" + appBase.getRawAuthority() + LaunchPaths.JNLP);
    }

    /** Resolves a jar href against the codebase. */
    public URI jar(JarReference jar) {
        return appBase.resolve(jar.href());
    }

    /** The host (and port) users see, for "run the application from ..." prompts. */
    public String host() {
        return appBase.getRawAuthority();
    }
}
