package org.selfrenewal.protocol;

import java.util.Map;

/**
 * A refusal: the stable code, the message to show the card holder as is, and machine-readable details
 * (for example {@code renewalOpensOn}).
 */
public record ErrorResponse(ErrorCode code, String message, Map<String, String> details) {

    public ErrorResponse {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ErrorResponse of(ErrorCode code) {
        return new ErrorResponse(code, code.defaultMessage(), Map.of());
    }
}
