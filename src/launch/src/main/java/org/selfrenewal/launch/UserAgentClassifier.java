package org.selfrenewal.launch;

import java.util.Locale;

/**
 * Works out the {@link BrowserFamily} from a User-Agent header.
 *
 * <p>Only the server-side first guess: the IE-compat page script refines it, because IE11 (or Edge
 * IE mode) can still render a page in an old document mode whatever its User-Agent says.
 */
public final class UserAgentClassifier {

    private UserAgentClassifier() {}

    /** Classifies a User-Agent; {@code null} or blank gives {@link BrowserFamily#UNKNOWN}. */
    public static BrowserFamily classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return BrowserFamily.UNKNOWN;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        // Trident/7.0 is IE11 - also in Compatibility View (which says "MSIE 7.0") and in Edge IE mode.
        if (ua.contains("trident/7.")) {
            return BrowserFamily.IE11_OR_EDGE_IE_MODE;
        }
        if (ua.contains("msie ") || ua.contains("trident/")) {
            return BrowserFamily.OLD_IE;
        }
        if (ua.contains(" edg/") || ua.contains(" edga/") || ua.contains(" edgios/")) {
            return mobile(ua) ? BrowserFamily.UNKNOWN : BrowserFamily.EDGE;
        }
        if (ua.contains(" edge/")) {
            return BrowserFamily.UNKNOWN; // legacy EdgeHTML, out of support
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return BrowserFamily.FIREFOX;
        }
        if (ua.contains("opr/")
                || ua.contains("opera")
                || ua.contains("samsungbrowser/")
                || ua.contains("yabrowser/")) {
            return BrowserFamily.UNKNOWN;
        }
        if (ua.contains("chrome/") || ua.contains("chromium/")) {
            return mobile(ua) ? BrowserFamily.UNKNOWN : BrowserFamily.CHROME;
        }
        if (ua.contains("safari/") || ua.contains("crios/")) {
            return BrowserFamily.SAFARI;
        }
        return BrowserFamily.UNKNOWN;
    }

    private static boolean mobile(String ua) {
        return ua.contains("android") || ua.contains("iphone") || ua.contains("ipad");
    }
}
