package org.selfrenewal.launch;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JNLP file from {@code jnlp/selfrenewal.jnlp.template}: absolute codebase and hrefs
 * from the public base URL, {@code <java version="21*"/>} then
 * {@code <java version="17*"/>} (the versions we test, preferred first), {@code <all-permissions/>}, the client's
 * main class, arguments and jars from the configuration, and per operating system the card middleware's
 * PKCS#11 library and token ({@code <resources os="...">} properties, {@link CardMiddleware}). Every value is
 * XML-escaped.
 */
public final class JnlpDocument {

    /** Classpath location of the template (source: {@code jnlp/selfrenewal.jnlp.template}). */
    public static final String TEMPLATE = "jnlp/selfrenewal.jnlp.template";

    private final Template template = Template.fromClasspath(TEMPLATE);
    private final LaunchSiteConfig config;
    private final LaunchUrls urls;

    /** Prepares the document for one configuration. */
    public JnlpDocument(LaunchSiteConfig config) {
        this.config = config;
        this.urls = new LaunchUrls(config);
    }

    /**
     * Renders the JNLP.
     *
     * @param selfHref the absolute URL this JNLP is served from (its {@code href} attribute)
     */
    public String render(URI selfHref) {
        Map<String, Object> values = new HashMap<>();
        values.put("codebase", urls.codebase().toString());
        values.put("href", selfHref.toString());
        values.put("vendor", config.trust().trustName());
        values.put("trustContact", config.trust().helpLine());
        values.put("homepage", urls.renewalPage().toString());
        values.put("mainClass", config.clientMainClass());
        values.put(
                "jars",
                jarElements(config.clientJars().stream()
                        .filter(JarReference::everyPlatform)
                        .toList()));
        values.put(
                "platformResources",
                platformResources(config.clientJars().stream()
                        .filter(jar -> !jar.everyPlatform())
                        .toList()));
        values.put("arguments", argumentElements(config.clientArguments()));
        values.put("platformTrust", Boolean.toString(config.platformTrust()));
        for (CardMiddleware.Os os : CardMiddleware.Os.values()) {
            CardMiddleware.Selection card = config.cardMiddleware().on(os);
            values.put(os.key() + "Pkcs11Library", card.pkcs11Library());
            values.put(os.key() + "Token", card.token());
        }
        return template.render(values).toString();
    }

    private Markup jarElements(List<JarReference> jars) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < jars.size(); i++) {
            xml.append("    <jar href=\"")
                    .append(Markup.escapeText(urls.jar(jars.get(i)).toString()))
                    .append('"');
            if (i == 0) {
                xml.append(" main=\"true\"");
            }
            xml.append("/>");
            if (i < jars.size() - 1) {
                xml.append('\n');
            }
        }
        return Markup.trusted(xml.toString());
    }

    // One <resources os=... arch=...> per platform jar (ipkcs11wrapper's native library): a launch downloads only
    // its own platform's. Same layout as the signed template's (webstart SignedTemplate).
    private Markup platformResources(List<JarReference> jars) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < jars.size(); i++) {
            JarReference jar = jars.get(i);
            xml.append("  <resources os=\"").append(Markup.escapeText(jar.os())).append('"');
            if (!jar.arch().isBlank()) {
                xml.append(" arch=\"").append(Markup.escapeText(jar.arch())).append('"');
            }
            xml.append(">\n    <jar href=\"")
                    .append(Markup.escapeText(urls.jar(jar).toString()))
                    .append("\"/>\n  </resources>");
            if (i < jars.size() - 1) {
                xml.append('\n');
            }
        }
        return Markup.trusted(xml.toString());
    }

    private static Markup argumentElements(List<String> arguments) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < arguments.size(); i++) {
            xml.append("    <argument>")
                    .append(Markup.escapeText(arguments.get(i)))
                    .append("</argument>");
            if (i < arguments.size() - 1) {
                xml.append('\n');
            }
        }
        return Markup.trusted(xml.toString());
    }
}
