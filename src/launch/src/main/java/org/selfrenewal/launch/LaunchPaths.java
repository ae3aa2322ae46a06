package org.selfrenewal.launch;

/** The URL paths the launch site serves, all under the legacy {@code /urswebapp/}. */
public final class LaunchPaths {

    /** The application root; the renewal page is {@code /urswebapp/?operation=selfRenewSmartcard}. */
    public static final String APP = "/urswebapp/";
    /** The operation the renewal page answers to. */
    public static final String OPERATION = "selfRenewSmartcard";
    /** The renewal page with its query string. */
    public static final String RENEWAL_PAGE = APP + "?operation=" + OPERATION;
    /** File name of the JNLP download. */
    public static final String JNLP_FILE = "selfrenewal.jnlp";
    /** File name of the JNLP download for machines where Oracle Java Web Start owns .jnlp. */
    public static final String JNLPX_FILE = "selfrenewal.jnlpx";
    /** The JNLP download. */
    public static final String JNLP = APP + JNLP_FILE;
    /** The .jnlpx download (served only when enabled). */
    public static final String JNLPX = APP + JNLPX_FILE;
    /** Prefix of the client jars. */
    public static final String JARS = APP + "jars/";
    /** Prefix of the CSS and scripts (from {@code web/}). */
    public static final String STATIC = APP + "static/";

    private LaunchPaths() {}
}
