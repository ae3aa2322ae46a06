package org.selfrenewal.server.renewal;

import java.util.Map;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;

/**
 * A renewal refused by a named rule. The message is for the card holder; {@code reason} is the rule's
 * technical explanation, which goes only to the audit trail and the server log.
 */
public final class RenewalRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String reason;
    private final String userMessage;
    private final Map<String, String> details;
    private final Long cardId;
    private final boolean cancelsRenewal;

    private RenewalRefusal(
            ErrorCode code,
            String userMessage,
            String reason,
            Map<String, String> details,
            Long cardId,
            boolean cancelsRenewal) {
        super(code + ": " + reason, null, false, false);
        this.code = code;
        this.reason = reason;
        this.userMessage = userMessage;
        this.details = Map.copyOf(details);
        this.cardId = cardId;
        this.cancelsRenewal = cancelsRenewal;
    }

    /** A refusal with the code's standard message. */
    public static RenewalRefusal of(ErrorCode code, String reason) {
        return new RenewalRefusal(code, code.defaultMessage(), reason, Map.of(), null, false);
    }

    /** The same refusal with a more specific message for the card holder. */
    public RenewalRefusal withMessage(String message) {
        return new RenewalRefusal(code, message, reason, details, cardId, cancelsRenewal);
    }

    public RenewalRefusal withDetail(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(details);
        more.put(key, value);
        return new RenewalRefusal(code, userMessage, reason, more, cardId, cancelsRenewal);
    }

    public RenewalRefusal forCard(long id) {
        return new RenewalRefusal(code, userMessage, reason, details, id, cancelsRenewal);
    }

    /** The renewal it happened in cannot go on: it is cancelled and anything it issued is revoked. */
    public RenewalRefusal cancellingRenewal() {
        return new RenewalRefusal(code, userMessage, reason, details, cardId, true);
    }

    public ErrorCode code() {
        return code;
    }

    public Long cardId() {
        return cardId;
    }

    public boolean cancelsRenewal() {
        return cancelsRenewal;
    }

    public ErrorResponse toResponse() {
        return new ErrorResponse(code, userMessage, details);
    }
}
