package org.selfrenewal.launch;

/** Which renewal page a browser gets. */
public enum PageVariant {
    /** Edge (Chromium) and Chrome: JNLP download button, jnlps:// link, "open the file" hint. */
    LAUNCH,
    /** IE11 / Edge IE mode: the page from {@code web/ie-compat/}, see {@link IeCompatLaunchProfile}. */
    IE_COMPAT,
    /** Any browser the compatibility table does not list: guidance on what to use instead. */
    UNSUPPORTED
}
