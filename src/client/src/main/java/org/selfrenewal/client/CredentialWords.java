package org.selfrenewal.client;

import java.time.Clock;
import java.time.LocalDate;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.client.words.Messages;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.RenewalWindow;

/** How a credential on the card is described to the card holder: which one, when it expires, days left. */
public final class CredentialWords {

    private CredentialWords() {}

    /** "Authentication certificate: serial 1a2b. Expires 22 February 2027 (30 days left)". */
    public static String line(Messages words, CardCredential credential, Clock clock) {
        return words.text(
                "console.credential",
                title(words, credential),
                credential.certificate().getSerialNumber().toString(16),
                expiry(words, credential, clock));
    }

    /** "Expires 22 February 2027 (30 days left)" or "Expired on 21 November 2026". */
    public static String expiry(Messages words, CardCredential credential, Clock clock) {
        Eligibility e = new RenewalWindow(clock).evaluate(credential.notAfter());
        LocalDate day = EligibilityWords.day(e.notAfter());
        return e.daysLeft() < 0
                ? words.text("select.expiredOn", day)
                : words.text("select.expires", day, daysLeft(words, e.daysLeft()));
    }

    /** "Authentication certificate". */
    public static String title(Messages words, CardCredential credential) {
        return words.text("purpose.title." + credential.purpose().name());
    }

    /** "30 days left", "1 day left" or "expires today" (0 or more days). */
    public static String daysLeft(Messages words, long days) {
        return words.text("select.daysLeft", Math.max(0, days));
    }
}
