package org.selfrenewal.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's logging, set up in code (found by logback through {@code META-INF/services}) instead of a
 * {@code logback.xml}: parsing the XML cost about 0.3 s of CPU on every start (issue 10). Logs go to stderr
 * (stdout carries only prompts and results, what a script or an RA reads) through {@link ServerLogEncoder}: text
 * lines, or one JSON object a line with {@code SELFRENEWAL_LOG_FORMAT=json} (or
 * {@code -Dselfrenewal.log.format=json}); the root level is {@code -Dselfrenewal.log.level} (default INFO).
 * Request text in a message or an exception can never forge a log line: {@code %safeMsg} and {@code %safeEx}
 * escape control characters. Where a {@code logback.xml}, {@code logback-test.xml} or
 * {@code -Dlogback.configurationFile} is present, it steps aside and logback reads that.
 */
public final class ServerLogConfiguration extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %safeMsg%n%safeEx";

    /** Chatty libraries: their warnings only. */
    static final List<String> WARNINGS_ONLY =
            List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "org.selfrenewal.card");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere()) {
            return ExecutionStatus.NEUTRAL;
        }
        conversionRules(context);
        ServerLogEncoder encoder = new ServerLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(setting("selfrenewal.log.format", "SELFRENEWAL_LOG_FORMAT", "text"));
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String name : WARNINGS_ONLY) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("selfrenewal.log.level"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    @SuppressWarnings("unchecked")
    private static void conversionRules(LoggerContext context) {
        Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("safeMsg", SafeMessageConverter.class.getName());
        rules.put("safeEx", SafeThrowableConverter.class.getName());
    }

    /** A system property, else an environment variable, else the default. */
    private static String setting(String property, String variable, String otherwise) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(variable);
        }
        return value != null ? value : otherwise;
    }

    private static boolean configuredElsewhere() {
        ClassLoader loader = ServerLogConfiguration.class.getClassLoader();
        return System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }
}
