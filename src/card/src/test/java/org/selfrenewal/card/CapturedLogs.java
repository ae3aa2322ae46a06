package org.selfrenewal.card;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What is logged while open, for checking what never reaches a log: everything from this project and
 * from ipkcs11wrapper down to TRACE (kept off the console), and whatever else reaches the root logger.
 */
final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> traced = List.of(logger("org.selfrenewal"), logger("org.xipki"));
    private final List<Level> levels = traced.stream().map(Logger::getLevel).toList();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        for (Logger logger : traced) {
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
    }

    /** The formatted messages, each followed by its exception chain's messages. */
    List<String> lines() {
        return appender.list.stream().map(CapturedLogs::describe).toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < traced.size(); i++) {
            Logger logger = traced.get(i);
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(levels.get(i));
        }
        root.detachAppender(appender);
        appender.stop();
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getMessage());
        }
        return text.toString();
    }
}
