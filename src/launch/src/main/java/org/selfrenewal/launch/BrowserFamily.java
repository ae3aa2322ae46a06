package org.selfrenewal.launch;

/**
 * The browsers the renewal page tells apart. Each has an {@link #id()} that names its entry in
 * {@code web/compatibility.json}.
 */
public enum BrowserFamily {
    /** Microsoft Edge based on Chromium ({@code Edg/} in the User-Agent). */
    EDGE("edge"),
    /** Google Chrome (and Chromium). */
    CHROME("chrome"),
    /**
     * Internet Explorer 11 or Edge in IE mode: both send the same Trident/7.0 User-Agent and
     * cannot be told apart on the server.
     */
    IE11_OR_EDGE_IE_MODE("ie11"),
    /** Internet Explorer 10 or older, or IE11 showing the page in an old document mode. */
    OLD_IE("old-ie"),
    /** Mozilla Firefox. */
    FIREFOX("firefox"),
    /** Apple Safari. */
    SAFARI("safari"),
    /** Anything else, including a missing User-Agent. */
    UNKNOWN("unknown");

    private final String id;

    BrowserFamily(String id) {
        this.id = id;
    }

    /** The identifier used in {@code web/compatibility.json}. */
    public String id() {
        return id;
    }
}
