package org.selfrenewal.webstart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code JNLP-INF/APPLICATION_TEMPLATE.JNLP} from the same file the launch site renders the
 * served JNLP from ({@code jnlp/selfrenewal.jnlp.template}), in the same layout, so the two differ
 * only where a value must vary between deployments.
 *
 * <p>OpenWebStart / IcedTea-Web compare the served JNLP with the signed template element by element
 * and attribute by attribute (children in any order, comments ignored); a template value that is
 * exactly {@code *} matches any value, anything else must be equal. There are no partial wildcards,
 * so a value that contains the host (codebase, the JNLP's own href, absolute jar hrefs, the homepage)
 * can only be {@code *} or pinned.
 *
 * <p>Wildcards ({@value #WILDCARD}): {@code codebase}, {@code href}, {@code vendor} and the trust's two
 * {@code <property>} values (its name and contacts, from the site configuration), the client settings
 * ({@link #CLIENT_SETTINGS}: whether the client trusts the platform's CAs, and per operating system the card
 * middleware's PKCS#11 library and token, in {@code <resources os="...">}; the elements themselves are pinned),
 * {@code homepage} and the first argument (the renewal server URL); the jar href unless a fixed
 * relative href is given. Pinned: {@code <all-permissions/>}, {@code <java version="21*"/>} then {@code <java version="17*"/>}, title and
 * description, the main class, the number of jars and which one is main, each platform jar's {@code os} and
 * {@code arch}, and every other argument ({@code operation=selfRenewSmartcard}).
 */
public final class SignedTemplate {

    /** The IcedTea-Web / OpenWebStart template wildcard: matches any whole value. */
    public static final String WILDCARD = "*";

    /** Where the template must sit inside the main jar to be checked by the JNLP client. */
    public static final String ENTRY = "JNLP-INF/APPLICATION_TEMPLATE.JNLP";

    /** The template's placeholders for the client's settings, each a {@code <property>} value. */
    public static final List<String> CLIENT_SETTINGS = List.of(
            "platformTrust",
            "windowsPkcs11Library",
            "windowsToken",
            "macosPkcs11Library",
            "macosToken",
            "linuxPkcs11Library",
            "linuxToken");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    private SignedTemplate() {}

    /**
     * The values of one JNLP, as the launch site fills them in.
     *
     * @param codebase  {@code codebase} attribute
     * @param href      the JNLP's own {@code href}
     * @param vendor    {@code <vendor>} and the property {@code selfrenewal.trust.name} (the trust's name)
     * @param trustContact the property {@code selfrenewal.trust.contact} (whom the card holder asks for help)
     * @param homepage  {@code <homepage href>}
     * @param mainClass {@code main-class}
     * @param jarHrefs  the jar hrefs in order, the first is the main jar
     * @param arguments the {@code <argument>}s in order
     * @param clientSettings a value for each of {@link #CLIENT_SETTINGS}
     * @param platformJars the jars named in {@code <resources os=... arch=...>}, one per native platform
     */
    public record Values(
            String codebase,
            String href,
            String vendor,
            String trustContact,
            String homepage,
            String mainClass,
            List<String> jarHrefs,
            List<String> arguments,
            Map<String, String> clientSettings,
            List<PlatformJar> platformJars) {

        /** Checks and copies. */
        public Values {
            Objects.requireNonNull(codebase, "codebase");
            Objects.requireNonNull(href, "href");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(trustContact, "trustContact");
            Objects.requireNonNull(homepage, "homepage");
            Objects.requireNonNull(mainClass, "mainClass");
            jarHrefs = List.copyOf(jarHrefs);
            arguments = List.copyOf(arguments);
            platformJars = List.copyOf(platformJars);
            if (jarHrefs.isEmpty()) {
                throw new IllegalArgumentException("at least the main jar is needed");
            }
            clientSettings = Map.copyOf(clientSettings);
            if (!clientSettings.keySet().equals(Set.copyOf(CLIENT_SETTINGS))) {
                throw new IllegalArgumentException("clientSettings must name exactly " + CLIENT_SETTINGS);
            }
        }

        /**
         * The values of the signed template: wildcards where a deployment varies the value.
         *
         * @param mainClass     the client's main class (pinned)
         * @param jarHrefs      pinned jar hrefs, or {@code *} each (the launch site writes absolute URLs)
         * @param operation     the operation, pinned as the argument {@code operation=<operation>}
         */
        public static Values template(String mainClass, List<String> jarHrefs, String operation) {
            return template(mainClass, jarHrefs, List.of(), operation);
        }

        /**
         * As {@link #template(String, List, String)}, with one jar per native platform (hrefs {@code *} or pinned,
         * {@code os} and {@code arch} pinned).
         */
        public static Values template(
                String mainClass, List<String> jarHrefs, List<PlatformJar> platformJars, String operation) {
            return new Values(
                    WILDCARD,
                    WILDCARD,
                    WILDCARD,
                    WILDCARD,
                    WILDCARD,
                    mainClass,
                    jarHrefs,
                    List.of(WILDCARD, "operation=" + operation),
                    SignedTemplate.clientSettings(WILDCARD, WILDCARD, WILDCARD),
                    platformJars);
        }
    }

    /**
     * A jar only one platform downloads: {@code <resources os="OS" arch="ARCH"><jar href="HREF"/></resources>}.
     *
     * @param os   the JNLP {@code os} attribute
     * @param arch the JNLP {@code arch} attribute, empty for every architecture
     * @param href the jar's href
     */
    public record PlatformJar(String os, String arch, String href) {

        /** Checks. */
        public PlatformJar {
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(href, "href");
        }
    }

    /** Client settings with the same PKCS#11 library and token on every operating system. */
    public static Map<String, String> clientSettings(String pkcs11Library, String token, String platformTrust) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("platformTrust", platformTrust);
        for (String os : List.of("windows", "macos", "linux")) {
            settings.put(os + "Pkcs11Library", pkcs11Library);
            settings.put(os + "Token", token);
        }
        return settings;
    }

    /**
     * Fills the placeholders of {@code templateSource} ({@code {{name}}}); every value is XML-escaped.
     * Fails on a placeholder it does not know, so a change to the shared template breaks the build
     * instead of silently producing a template that no served JNLP matches.
     */
    public static String render(String templateSource, Values values) {
        Map<String, String> fill = new LinkedHashMap<>();
        fill.put("codebase", escape(values.codebase()));
        fill.put("href", escape(values.href()));
        fill.put("vendor", escape(values.vendor()));
        fill.put("trustContact", escape(values.trustContact()));
        fill.put("homepage", escape(values.homepage()));
        fill.put("mainClass", escape(values.mainClass()));
        fill.put("jars", jarElements(values.jarHrefs()));
        fill.put("arguments", argumentElements(values.arguments()));
        values.clientSettings().forEach((name, value) -> fill.put(name, escape(value)));
        fill.put("platformResources", platformResources(values.platformJars()));

        Matcher matcher = PLACEHOLDER.matcher(templateSource);
        StringBuilder out = new StringBuilder(templateSource.length() + 256);
        while (matcher.find()) {
            String replacement = fill.get(matcher.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("The JNLP template has a placeholder this module does not know: {{"
                        + matcher.group(1) + "}} - decide whether it is pinned or a wildcard in SignedTemplate");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    // Same layout as the launch site's JnlpDocument: four spaces, one element per line, main="true" on the first jar.
    private static String jarElements(List<String> hrefs) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < hrefs.size(); i++) {
            xml.append("    <jar href=\"").append(escape(hrefs.get(i))).append('"');
            if (i == 0) {
                xml.append(" main=\"true\"");
            }
            xml.append("/>");
            if (i < hrefs.size() - 1) {
                xml.append('\n');
            }
        }
        return xml.toString();
    }

    // Same layout as the launch site's JnlpDocument: one <resources> element per platform jar, two spaces in.
    private static String platformResources(List<PlatformJar> jars) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < jars.size(); i++) {
            PlatformJar jar = jars.get(i);
            xml.append("  <resources os=\"").append(escape(jar.os())).append('"');
            if (!jar.arch().isEmpty()) {
                xml.append(" arch=\"").append(escape(jar.arch())).append('"');
            }
            xml.append(">\n    <jar href=\"").append(escape(jar.href())).append("\"/>\n  </resources>");
            if (i < jars.size() - 1) {
                xml.append('\n');
            }
        }
        return xml.toString();
    }

    private static String argumentElements(List<String> arguments) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < arguments.size(); i++) {
            xml.append("    <argument>").append(escape(arguments.get(i))).append("</argument>");
            if (i < arguments.size() - 1) {
                xml.append('\n');
            }
        }
        return xml.toString();
    }

    /** XML escaping for text and attribute values. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
