package org.selfrenewal.launch;

import java.util.Objects;

/**
 * A piece of HTML or XML that is already safe to put into a page: either produced by escaping
 * text ({@link #escape(String)}) or by rendering one of our own templates.
 *
 * <p>{@link Template} copies {@code Markup} values verbatim and escapes every other value, so the
 * type decides what is trusted; there is no separate "raw" placeholder syntax to misuse.
 */
public final class Markup {

    /** Markup with no content. */
    public static final Markup EMPTY = new Markup("");

    private final String text;

    private Markup(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** Escapes plain text for an HTML/XML text node or a quoted attribute value. */
    public static Markup escape(String plainText) {
        return new Markup(escapeText(plainText));
    }

    /**
     * Wraps markup we wrote ourselves (template files, tags assembled in code around escaped
     * values). Never pass text that came from a request or from configuration.
     */
    static Markup trusted(String markup) {
        return new Markup(markup);
    }

    /** Joins several pieces of markup. */
    public static Markup concat(Markup... parts) {
        StringBuilder joined = new StringBuilder();
        for (Markup part : parts) {
            joined.append(part.text);
        }
        return new Markup(joined.toString());
    }

    /**
     * Replaces the characters that are special in HTML and XML text and attribute values
     * ({@code & < > " '}) with character references.
     */
    public static String escapeText(String plainText) {
        if (plainText == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(plainText.length() + 16);
        for (int i = 0; i < plainText.length(); i++) {
            char c = plainText.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The markup as text. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Markup markup && markup.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
