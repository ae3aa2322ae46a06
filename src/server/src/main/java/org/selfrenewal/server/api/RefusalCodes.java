package org.selfrenewal.server.api;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.server.renewal.RefusalReason;
import org.selfrenewal.server.renewal.RenewalRefusal;

/**
 * The JSON API's one mapping table: each reason the renewal core refuses with, the protocol's stable
 * {@link ErrorCode} the card holder's application receives, and the HTTP status.
 */
final class RefusalCodes {

    /** One row of the table. */
    record Answer(ErrorCode code, int httpStatus) {}

    private static final Map<RefusalReason, Answer> TABLE = new EnumMap<>(RefusalReason.class);

    static {
        row(RefusalReason.UNREADABLE_REQUEST, ErrorCode.BAD_REQUEST, 400);
        row(RefusalReason.NOT_ISSUED_BY_US, ErrorCode.CERTIFICATE_NOT_RECOGNISED, 403);
        row(RefusalReason.WRONG_PURPOSE, ErrorCode.WRONG_CERTIFICATE_PURPOSE, 400);
        row(RefusalReason.DIFFERENT_CARDS, ErrorCode.CARD_MISMATCH, 400);
        row(RefusalReason.SUPERSEDED, ErrorCode.CERTIFICATE_SUPERSEDED, 409);
        row(RefusalReason.REVOKED, ErrorCode.CERTIFICATE_REVOKED, 403);
        row(RefusalReason.PENDING, ErrorCode.CERTIFICATE_NOT_RECOGNISED, 403);
        row(RefusalReason.NOT_DUE, ErrorCode.NOT_DUE, 409);
        row(RefusalReason.EXPIRED, ErrorCode.EXPIRED, 409);
        row(RefusalReason.RENEWAL_IN_PROGRESS, ErrorCode.RENEWAL_IN_PROGRESS, 409);
        row(RefusalReason.TOO_MANY_STARTS, ErrorCode.TOO_MANY_REQUESTS, 429);
        row(RefusalReason.UNKNOWN_RENEWAL, ErrorCode.RENEWAL_NOT_FOUND, 404);
        row(RefusalReason.RENEWAL_NOT_OPEN, ErrorCode.RENEWAL_NOT_OPEN, 409);
        row(RefusalReason.TIMED_OUT, ErrorCode.RENEWAL_TIMED_OUT, 409);
        row(RefusalReason.POSSESSION_NOT_PROVEN, ErrorCode.PROOF_OF_POSSESSION_FAILED, 403);
        row(RefusalReason.KEY_NOT_ACCEPTED, ErrorCode.KEY_NOT_ACCEPTED, 400);
        row(RefusalReason.REQUEST_NOT_ACCEPTED, ErrorCode.CERTIFICATE_REQUEST_INVALID, 400);
        row(RefusalReason.KEY_REUSED, ErrorCode.KEY_NOT_ACCEPTED, 400);
        row(RefusalReason.ISSUANCE_CAP_REACHED, ErrorCode.TOO_MANY_RENEWALS, 429);
        row(RefusalReason.CONFIRMATION_NOT_PROVEN, ErrorCode.CONFIRMATION_FAILED, 403);
        row(RefusalReason.CANCELLATION_NOT_PROVEN, ErrorCode.PROOF_OF_POSSESSION_FAILED, 403);
        for (RefusalReason reason : RefusalReason.values()) {
            if (!TABLE.containsKey(reason)) {
                throw new ExceptionInInitializerError("no API answer for refusal reason " + reason);
            }
        }
    }

    private RefusalCodes() {}

    private static void row(RefusalReason reason, ErrorCode code, int httpStatus) {
        TABLE.put(reason, new Answer(code, httpStatus));
    }

    static Answer answer(RefusalReason reason) {
        return TABLE.get(reason);
    }

    /** The body the card holder's application receives: code, words, and the facts it may show. */
    static ErrorResponse response(RenewalRefusal refusal) {
        ErrorCode code = answer(refusal.reason()).code();
        Map<String, String> details = new LinkedHashMap<>();
        String message = code.defaultMessage();
        if (refusal.eligibility() != null) {
            var eligibility = refusal.eligibility();
            message = EligibilityWords.explain(eligibility);
            if (refusal.reason() == RefusalReason.NOT_DUE) {
                details.put(
                        "renewalOpensOn",
                        EligibilityWords.day(eligibility.renewalOpensAt()).toString());
                details.put(
                        "expiresOn",
                        EligibilityWords.day(eligibility.notAfter()).toString());
            } else {
                details.put(
                        "expiredOn",
                        EligibilityWords.day(eligibility.notAfter()).toString());
            }
        }
        if (refusal.retryAfter() != null) {
            details.put(
                    "retryAfterSeconds",
                    Long.toString(Math.max(1, refusal.retryAfter().toSeconds())));
        }
        return new ErrorResponse(code, message, details);
    }
}
