package org.selfrenewal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final RenewalWindow window = new RenewalWindow(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void due_exactly90DaysLeft() {
        Eligibility e = window.evaluate(NOW.plus(Duration.ofDays(90)));
        assertEquals(Eligibility.Status.DUE, e.status());
        assertEquals(90, e.daysLeft());
    }

    @Test
    void notDue_91DaysLeft_opensTheNextDay() {
        Eligibility e = window.evaluate(NOW.plus(Duration.ofDays(91)));
        assertEquals(Eligibility.Status.NOT_YET_DUE, e.status());
        assertEquals(NOW.plus(Duration.ofDays(1)), e.renewalOpensAt());
    }

    @Test
    void notDue_oneSecondBeforeTheWindowOpens() {
        assertEquals(
                Eligibility.Status.NOT_YET_DUE,
                window.evaluate(NOW.plus(Duration.ofDays(90)).plusSeconds(1)).status());
    }

    @Test
    void due_expiresLaterToday() {
        Eligibility e = window.evaluate(NOW.plus(Duration.ofHours(5)));
        assertEquals(Eligibility.Status.DUE, e.status());
        assertEquals(0, e.daysLeft());
    }

    @Test
    void due_atTheExpiryInstantItself() {
        assertEquals(Eligibility.Status.DUE, window.evaluate(NOW).status());
    }

    @Test
    void expired_yesterday() {
        Eligibility e = window.evaluate(NOW.minus(Duration.ofDays(1)));
        assertEquals(Eligibility.Status.EXPIRED, e.status());
        assertEquals(-1, e.daysLeft());
    }

    @Test
    void card_isJudgedByItsEarliestExpiry() {
        Eligibility e = window.evaluateCard(List.of(NOW.plus(Duration.ofDays(200)), NOW.plus(Duration.ofDays(30))));
        assertEquals(Eligibility.Status.DUE, e.status());
        assertEquals(NOW.plus(Duration.ofDays(30)), e.notAfter());
    }
}
