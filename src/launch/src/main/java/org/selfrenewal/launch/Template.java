package org.selfrenewal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny text template with {@code {{name}}} placeholders, loaded from the classpath (the
 * {@code web/} and {@code jnlp/} folders are packaged into the module jar).
 *
 * <p>Values that are {@link Markup} are inserted as they are; anything else is converted with
 * {@code toString()} and escaped. A placeholder without a value is an error, so a typo in a
 * template fails in the tests instead of showing {@code {{name}}} to a user. We keep our own
 * dozen lines here rather than a template library: the pages need substitution only, and loops
 * (table rows, jar lists) are built in code from escaped pieces.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    private final String name;
    private final String source;

    private Template(String name, String source) {
        this.name = name;
        this.source = source;
    }

    /** Loads a UTF-8 template from the classpath, e.g. {@code web/templates/page.html}. */
    public static Template fromClasspath(String resourcePath) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalStateException("Template not found on the classpath: " + resourcePath);
            }
            return new Template(resourcePath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + resourcePath, e);
        }
    }

    /** A template from a string (tests, small fragments). */
    public static Template of(String name, String source) {
        return new Template(name, source);
    }

    /** Renders the template, escaping every value that is not {@link Markup}. */
    public Markup render(Map<String, ?> values) {
        Matcher matcher = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 512);
        while (matcher.find()) {
            String key = matcher.group(1);
            if (!values.containsKey(key) || values.get(key) == null) {
                throw new IllegalArgumentException("Template " + name + " needs a value for {{" + key + "}}");
            }
            Object value = values.get(key);
            String replacement =
                    value instanceof Markup markup ? markup.toString() : Markup.escapeText(value.toString());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return Markup.trusted(out.toString());
    }

    /** The classpath location or name the template was created with. */
    public String name() {
        return name;
    }
}
