package org.selfrenewal.card;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything logged (down to TRACE, by any logger) while open; for checking what never reaches a log. */
final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> raised = List.of(logger("org.selfrenewal"), logger("org.xipki"));
    private final List<Level> raisedLevels = raised.stream().map(Logger::getLevel).toList();

    CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        raised.forEach(l -> l.setLevel(Level.TRACE));
    }

    /** The formatted messages, each followed by its exception chain's messages. */
    List<String> lines() {
        return appender.list.stream().map(CapturedLogs::describe).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(raisedLevels.get(i));
        }
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
