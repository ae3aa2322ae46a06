package org.selfrenewal.server.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The server's log lines: the {@code pattern} as text ({@code format} {@code text}, the default), or one
 * JSON object a line ({@code format} {@code json}, from {@code SELFRENEWAL_LOG_FORMAT=json}): {@code time,
 * level, logger, thread, message} and, when there is one, {@code exception}. The message and the stack trace
 * are the same escaped text as in the plain log ({@code %safeMsg}, {@code %safeEx}: control characters
 * already escaped), then JSON-encoded, so request text can neither start a line nor break the object.
 */
public final class ServerLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    private final SafeMessageConverter message = new SafeMessageConverter();
    private final SafeThrowableConverter exception = new SafeThrowableConverter();
    private String format = "text";
    private String pattern = "%safeMsg%n";
    private PatternLayoutEncoder text;

    /** {@code text} or {@code json}. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The text lines' pattern. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equalsIgnoreCase(format.trim())) {
            exception.setContext(getContext());
            exception.start();
            message.start();
        } else {
            if (!"text".equalsIgnoreCase(format.trim())) {
                addWarn("Unknown log format [" + format + "]: text lines (use text or json)");
            }
            text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.start();
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (text != null) {
            return text.encode(event);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(
                    "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", LogEscaping.escape(event.getThreadName()));
            json.writeStringField("message", message.convert(event));
            if (event.getThrowableProxy() != null) {
                json.writeStringField("exception", exception.convert(event));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
