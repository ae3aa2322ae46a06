package org.selfrenewal.server.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;

/**
 * Turns a request body into one of the protocol's records, or says plainly why not: strict JSON (see
 * {@link org.selfrenewal.protocol.ProtocolJson#strictMapper()}) with every field present as a string.
 * Never throws anything but {@link Unreadable} for any input: the fuzz test holds it to that.
 */
public final class RequestParsing {

    private RequestParsing() {}

    /** The body could not be read as the expected message. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static <T> T read(ObjectMapper json, byte[] body, Class<T> type) throws Unreadable {
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JacksonException e) {
            throw new Unreadable("not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not valid JSON for " + type.getSimpleName());
        }
        if (value == null) {
            throw new Unreadable("empty body");
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Object field;
                try {
                    field = component.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (field == null || (field instanceof String text && text.isEmpty())) {
                    throw new Unreadable(type.getSimpleName() + "." + component.getName() + " is missing");
                }
            }
        }
        return value;
    }
}
