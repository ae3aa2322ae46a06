package org.selfrenewal.server.logging;

/**
 * Escapes control characters so that text from a request (a certificate subject, a JSON error) can never
 * start a new log line or hide one: CR, LF and TAB become {@code \r \n \t}, every other control
 * character (C0, DEL, C1, and the Unicode line and paragraph separators) {@code \}{@code uXXXX}.
 */
public final class LogEscaping {

    private LogEscaping() {}

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
