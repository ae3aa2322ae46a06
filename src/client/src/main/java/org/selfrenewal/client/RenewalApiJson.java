package org.selfrenewal.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/**
 * The client's side of the renewal API's JSON, over jackson-core's streaming parser and generator only
 * (issue 10: jackson-databind is ~1.2 MB of the first-launch download; the client has nine flat messages).
 * It writes exactly the bytes the server's mapper ({@code ProtocolJson}) writes for the same message, fields
 * in record order, nulls as {@code null}, and reads the server's answers as that mapper does: unknown fields
 * are ignored, {@link Instant}s are ISO-8601 text. {@code RenewalApiJsonTest} round-trips every message
 * between this codec and the server's mapper. Thread-safe.
 */
public final class RenewalApiJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RenewalApiJson() {}

    /** A message the client sends, as the bytes of its JSON document. */
    public static byte[] write(Object message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            out.writeStartObject();
            if (message instanceof StartRenewal start) {
                field(out, "authenticationCertificate", start.authenticationCertificate());
                field(out, "signingCertificate", start.signingCertificate());
            } else if (message instanceof CertificateRequests requests) {
                field(out, "proofOfPossession", requests.proofOfPossession());
                field(out, "authenticationCsr", requests.authenticationCsr());
                field(out, "signingCsr", requests.signingCsr());
            } else if (message instanceof CardSignature statement) {
                field(out, "signature", statement.signature());
            } else if (message instanceof RenewalStateRequest request) {
                field(out, "authenticationCertificate", request.authenticationCertificate());
                field(out, "signature", request.signature());
            } else {
                throw new IllegalArgumentException("not a message the client sends: " + message);
            }
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** Reads one of the server's answers; IOException if the bytes are not that message. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        try (JsonParser in = FACTORY.createParser(json)) {
            Map<String, Object> fields = object(in);
            if (in.nextToken() != null) {
                throw new IOException("trailing content after the " + type.getSimpleName());
            }
            return type.cast(message(fields, type));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Object message(Map<String, Object> fields, Class<?> type) throws IOException {
        if (type == RenewalStarted.class) {
            String expiresAt = text(fields, "expiresAt");
            return new RenewalStarted(
                    text(fields, "renewalId"),
                    text(fields, "challenge"),
                    expiresAt == null ? null : Instant.parse(expiresAt));
        }
        if (type == IssuedCertificates.class) {
            return new IssuedCertificates(
                    text(fields, "authenticationCertificate"),
                    text(fields, "signingCertificate"),
                    texts(fields, "authenticationChain"),
                    texts(fields, "signingChain"));
        }
        if (type == RenewalOutcome.class) {
            String state = text(fields, "state");
            return new RenewalOutcome(text(fields, "renewalId"), state == null ? null : RenewalState.valueOf(state));
        }
        if (type == RenewalStatus.class) {
            String state = text(fields, "state");
            String expiresAt = text(fields, "expiresAt");
            return new RenewalStatus(
                    text(fields, "renewalId"),
                    state == null ? null : RenewalState.valueOf(state),
                    bool(fields, "expired"),
                    expiresAt == null ? null : Instant.parse(expiresAt),
                    text(fields, "authenticationCertificate"),
                    text(fields, "signingCertificate"));
        }
        if (type == ErrorResponse.class) {
            String code = text(fields, "code");
            return new ErrorResponse(
                    code == null ? null : ErrorCode.valueOf(code), text(fields, "message"), details(fields));
        }
        throw new IllegalArgumentException("not a message the client reads: " + type.getName());
    }

    private static void field(JsonGenerator out, String name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    /** A JSON object of text, null, arrays of text and objects of text (all the protocol uses). */
    private static Map<String, Object> object(JsonParser in) throws IOException {
        if (in.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object");
        }
        return members(in);
    }

    private static Map<String, Object> members(JsonParser in) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_OBJECT; token = in.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new IOException("malformed JSON object");
            }
            String name = in.currentName();
            fields.put(name, value(in, in.nextToken()));
        }
        return fields;
    }

    private static Object value(JsonParser in, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("JSON ends early");
        }
        return switch (token) {
            case VALUE_STRING -> in.getText();
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken item = in.nextToken(); item != JsonToken.END_ARRAY; item = in.nextToken()) {
                    items.add(value(in, item));
                }
                yield items;
            }
            case START_OBJECT -> members(in);
            default -> {
                // numbers and booleans are in none of the client's messages: kept as text, checked by type below
                yield in.getText();
            }
        };
    }

    private static String text(Map<String, Object> fields, String name) throws IOException {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IOException(name + " is not text");
    }

    /** A JSON boolean; absent or null is false, as the server's mapper reads a primitive. */
    private static boolean bool(Map<String, Object> fields, String name) throws IOException {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new IOException(name + " is not true or false");
    }

    private static List<String> texts(Map<String, Object> fields, String name) throws IOException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            throw new IOException(name + " is not a list");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new IOException(name + " holds something other than text");
            }
            texts.add(text);
        }
        return texts;
    }

    private static Map<String, String> details(Map<String, Object> fields) throws IOException {
        Object value = fields.get("details");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException("details is not an object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new IOException("details." + entry.getKey() + " is not text");
            }
            details.put((String) entry.getKey(), text);
        }
        return details;
    }
}
