package org.selfrenewal.server.renewal;

import java.time.Duration;
import org.selfrenewal.protocol.Eligibility;

/**
 * A renewal step refused by a named rule: the {@link RefusalReason}, a technical explanation (for the
 * audit trail and the server log only), the card when known, and the facts a front door may pass on (the
 * card's eligibility for due-date refusals, how long to wait for busy ones).
 */
public final class RenewalRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RefusalReason reason;
    private final Long cardId;
    private final Eligibility eligibility;
    private final Duration retryAfter;

    private RenewalRefusal(
            RefusalReason reason, String explanation, Long cardId, Eligibility eligibility, Duration retryAfter) {
        super(reason + ": " + explanation, null, false, false);
        this.reason = reason;
        this.cardId = cardId;
        this.eligibility = eligibility;
        this.retryAfter = retryAfter;
    }

    public static RenewalRefusal of(RefusalReason reason, String explanation) {
        return new RenewalRefusal(reason, explanation, null, null, null);
    }

    public RenewalRefusal forCard(long id) {
        return new RenewalRefusal(reason, explanation(), id, eligibility, retryAfter);
    }

    /** The card's eligibility, for refusals by the 90-day rule. */
    public RenewalRefusal with(Eligibility cardEligibility) {
        return new RenewalRefusal(reason, explanation(), cardId, cardEligibility, retryAfter);
    }

    /** How long the caller should wait before asking again. */
    public RenewalRefusal retryAfter(Duration wait) {
        return new RenewalRefusal(reason, explanation(), cardId, eligibility, wait);
    }

    public RefusalReason reason() {
        return reason;
    }

    /** The rule's technical explanation (never for the card holder's eyes). */
    public String explanation() {
        return getMessage().substring(reason.name().length() + 2);
    }

    public Long cardId() {
        return cardId;
    }

    /** Null unless the refusal is by the 90-day rule. */
    public Eligibility eligibility() {
        return eligibility;
    }

    /** Null unless the caller should retry after a while. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean cancelsRenewal() {
        return reason.cancelsRenewal();
    }
}
