package org.selfrenewal.launch;

import java.util.HashMap;
import java.util.Map;

/**
 * The pieces every renewal page variant shares, already rendered. The launch-page templates and
 * the IE-compat template pick what they need by placeholder name via {@link #values()}.
 *
 * @param title           the page title
 * @param variant         the variant name (for tests and styling: {@code data-variant})
 * @param staticBase      path prefix of the CSS and scripts
 * @param header          the site header with the trust name
 * @param footer          the site footer
 * @param contactsAdvice  "contact IT ... or visit your local registration authority"
 * @param guide           the national guide's steps, compatibility table, troubleshooting and contacts
 * @param browserName     how the page names the visitor's browser
 * @param renewalPageUrl  the absolute web link of the renewal page
 * @param jnlpUrl         the JNLP download
 * @param jnlpFileName    the JNLP file name
 * @param host            the host OpenWebStart names when it asks to run the application
 * @param delaySeconds    seconds before "Nothing happened?" appears after the launch click
 */
public record PageParts(
        String title,
        String variant,
        String staticBase,
        Markup header,
        Markup footer,
        Markup contactsAdvice,
        Markup guide,
        String browserName,
        String renewalPageUrl,
        String jnlpUrl,
        String jnlpFileName,
        String host,
        long delaySeconds) {

    /** The parts as template values. */
    public Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("variant", variant);
        values.put("staticBase", staticBase);
        values.put("header", header);
        values.put("footer", footer);
        values.put("contactsAdvice", contactsAdvice);
        values.put("guide", guide);
        values.put("browserName", browserName);
        values.put("renewalPageUrl", renewalPageUrl);
        values.put("jnlpUrl", jnlpUrl);
        values.put("jnlpFileName", jnlpFileName);
        values.put("host", host);
        values.put("delaySeconds", Long.toString(delaySeconds));
        return values;
    }
}
