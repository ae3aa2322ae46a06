package org.selfrenewal.client.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.ErrorCode;

/**
 * What stopped the card holder: a code, the service's refusal code when the service refused, the values the
 * words need (dates, as {@link java.time.LocalDate}), and when it happened. Never prose, never a passcode.
 *
 * @param code       what happened
 * @param refusal    the service's code, only for {@link ProblemCode#SERVICE_REFUSED}
 * @param arguments  values for the message, in the order the bundle's pattern numbers them
 * @param at         when it happened
 */
public record Problem(ProblemCode code, ErrorCode refusal, List<Object> arguments, Instant at) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at");
        arguments = List.copyOf(arguments);
        if ((code == ProblemCode.SERVICE_REFUSED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal code goes with SERVICE_REFUSED and only with it");
        }
    }

    public static Problem of(ProblemCode code, Object... arguments) {
        return new Problem(code, null, List.of(arguments), Instant.now());
    }

    public static Problem refusedBy(ErrorCode refusal) {
        return new Problem(ProblemCode.SERVICE_REFUSED, refusal, List.of(), Instant.now());
    }

    /** Why a card cannot be renewed now: NOT_DUE with (opens on, expires on), or EXPIRED with (expired on). */
    public static Problem notRenewable(Eligibility eligibility) {
        return switch (eligibility.status()) {
            case NOT_YET_DUE -> of(
                    ProblemCode.NOT_DUE,
                    EligibilityWords.day(eligibility.renewalOpensAt()),
                    EligibilityWords.day(eligibility.notAfter()));
            case EXPIRED -> of(ProblemCode.EXPIRED, EligibilityWords.day(eligibility.notAfter()));
            case DUE -> throw new IllegalArgumentException("a due card is renewable");
        };
    }

    /** The code as IT would quote it: {@code SERVICE_REFUSED/NOT_DUE} or {@code WRONG_PASSCODE}. */
    public String reference() {
        return refusal == null ? code.name() : code.name() + "/" + refusal.name();
    }
}
