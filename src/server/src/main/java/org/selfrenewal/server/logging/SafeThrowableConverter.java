package org.selfrenewal.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %safeEx}: the stack trace, one frame a line as usual, but every exception message escaped
 * ({@link LogEscaping}): a message may quote a request, and must not pass for a log line of its own.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {

    private static final int MAX_DEPTH = 16;

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        StringBuilder out = new StringBuilder(2048);
        append(out, proxy, "", 0);
        return out.toString();
    }

    private static void append(StringBuilder out, IThrowableProxy proxy, String prefix, int depth) {
        out.append(prefix).append(proxy.getClassName());
        if (proxy.getMessage() != null) {
            out.append(": ").append(LogEscaping.escape(proxy.getMessage()));
        }
        out.append('\n');
        StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
        int shown = frames.length - Math.max(0, proxy.getCommonFrames());
        for (int i = 0; i < shown; i++) {
            out.append("\tat ")
                    .append(LogEscaping.escape(frames[i].getStackTraceElement().toString()))
                    .append('\n');
        }
        if (shown < frames.length) {
            out.append("\t... ").append(frames.length - shown).append(" common frames omitted\n");
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        if (proxy.getSuppressed() != null) {
            for (IThrowableProxy suppressed : proxy.getSuppressed()) {
                append(out, suppressed, "\tSuppressed: ", depth + 1);
            }
        }
        if (proxy.getCause() != null) {
            append(out, proxy.getCause(), "Caused by: ", depth + 1);
        }
    }
}
