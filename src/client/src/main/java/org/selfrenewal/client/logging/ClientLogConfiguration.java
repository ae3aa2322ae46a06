package org.selfrenewal.client.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The card holder's logging, set up in code (found by logback through {@code META-INF/services}) instead of a
 * {@code logback.xml}: logback reads XML by reflection, which kept its whole configuration machinery in the
 * download; configured in code, ProGuard keeps only the parts used here (issue 10). The card holder reads the
 * window or plain lines on stdout; technical detail goes to a per-user rolling log file ({@link LogDirectory})
 * and, for warnings (or {@code -Dselfrenewal.log.level}), to stderr. Nothing logs a passcode. Where a
 * {@code logback.xml}, {@code logback-test.xml} or {@code -Dlogback.configurationFile} is present (the server's
 * and the tests' JVMs), it steps aside and logback reads that.
 */
public final class ClientLogConfiguration extends ContextAwareBase implements Configurator {

    /** The current log file's name in {@link LogDirectory#directory()}. */
    public static final String FILE_NAME = "smartcard-service.log";

    static final String FILE_PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %replace(%msg){'[\\p{Cntrl}&&[^\\t]]', '?'}%n";
    static final String STDERR_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere()) {
            return ExecutionStatus.NEUTRAL;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(logFile(context, LogDirectory.directory()));
        root.addAppender(standardError(context));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean configuredElsewhere() {
        ClassLoader loader = ClientLogConfiguration.class.getClassLoader();
        return System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    private static RollingFileAppender<ILoggingEvent> logFile(LoggerContext context, Path directory) {
        // forward slashes: logback's file name patterns treat a backslash as an escape (Windows paths)
        String dir = directory.toString().replace('\\', '/');
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/" + FILE_NAME);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/smartcard-service.%d{yyyy-MM-dd}.%i.log");
        rolling.setMaxFileSize(FileSize.valueOf("5MB"));
        rolling.setMaxHistory(30);
        rolling.setTotalSizeCap(FileSize.valueOf("50MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();
        return file;
    }

    private static ConsoleAppender<ILoggingEvent> standardError(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(System.getProperty("selfrenewal.log.level", "WARN"));
        threshold.start();
        stderr.addFilter(threshold);
        stderr.setEncoder(encoder(context, STDERR_PATTERN));
        stderr.start();
        return stderr;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
