package org.selfrenewal.client.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.selfrenewal.client.CardRenewalWarning;
import org.selfrenewal.client.InterruptedRenewal;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.session.Problem;
import org.selfrenewal.client.session.ProblemCode;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;

/** Every code a card holder can meet has words, and the words read as written. */
class MessagesTest {

    private final Messages words = Messages.forLocale(Locale.UK);

    @Test
    void everyProblemRefusalStepAndWarningHasWords() {
        for (ProblemCode code : ProblemCode.values()) {
            assertTrue(words.has("problem." + code.name()), "problem." + code.name());
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(words.has("refusal." + code.name()), "refusal." + code.name());
        }
        for (RenewalStep step : RenewalStep.values()) {
            assertTrue(words.has("step." + step.name()), "step." + step.name());
        }
        for (CardRenewalWarning.Kind kind : CardRenewalWarning.Kind.values()) {
            assertTrue(words.has("warning." + kind.name()), "warning." + kind.name());
        }
        for (InterruptedRenewal.Outcome outcome : InterruptedRenewal.Outcome.values()) {
            if (outcome != InterruptedRenewal.Outcome.NONE) {
                assertTrue(words.has("resume." + outcome.name()), "resume." + outcome.name());
            }
        }
        assertEquals(
                "Your last renewal was interrupted; it has now been finished.",
                words.text("resume." + InterruptedRenewal.Outcome.FINISHED.name()));
    }

    @Test
    void noPlainApostrophes_whichMessageFormatWouldSwallow() throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("messages.properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        bundle.forEach((key, value) -> assertFalse(value.toString().contains("'"), key + " uses ' (write ’)"));
        bundle.forEach(
                (key, value) -> assertFalse(words.text(key.toString(), 1, 2, 3).contains("{"), key.toString()));
    }

    @Test
    void datesAndCountsAreWrittenOut() {
        Problem notDue = Problem.of(ProblemCode.NOT_DUE, LocalDate.of(2027, 2, 22), LocalDate.of(2027, 5, 23));
        assertEquals(
                "Your certificates are not due for renewal yet. You can renew them from 22 February 2027 "
                        + "(90 days before they expire on 23 May 2027).",
                words.problem(notDue));
        assertEquals("1 day left", words.text("select.daysLeft", 1L));
        assertEquals("30 days left", words.text("select.daysLeft", 30L));
        assertEquals("expires today", words.text("select.daysLeft", 0L));
        assertEquals(
                "Your smartcard certificates expire in 12 days. Renew them now?", words.text("notify.question", 12L));
        assertTrue(words.warning(new CardRenewalWarning(
                        CardRenewalWarning.Kind.OLD_CREDENTIAL_NOT_REMOVED, CredentialPurpose.SIGNING))
                .contains("old signing certificate"));
    }

    @Test
    void refusalsUseTheServiceCodesWords() {
        assertTrue(
                words.problem(Problem.refusedBy(ErrorCode.CERTIFICATE_REVOKED)).contains("revoked"));
    }

    @Test
    void anotherLanguageFallsBackToEnglishUntilTranslated() {
        assertEquals(
                "Smartcard Service",
                Messages.forLocale(Locale.forLanguageTag("cy")).text("app.title"));
    }
}
