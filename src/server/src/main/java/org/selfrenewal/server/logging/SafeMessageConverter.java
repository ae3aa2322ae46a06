package org.selfrenewal.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %safeMsg}: the formatted message with control characters escaped ({@link LogEscaping}). */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogEscaping.escape(event.getFormattedMessage());
    }
}
