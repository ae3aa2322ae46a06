package org.selfrenewal.client;

import java.time.Clock;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.client.words.Messages;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.RenewalWindow;

/** How a credential on the card is described to the card holder: which one, when it expires, days left. */
public final class CredentialWords {

    private CredentialWords() {
    }

    /** "Authentication certificate: serial 1a2b, expires 22 February 2027 (30 days left)". */
    public static String line(Messages words, CardCredential credential, Clock clock) {
        Eligibility e = new RenewalWindow(clock).evaluate(credential.notAfter());
        return words.text("console.credential", title(words, credential),
                credential.certificate().getSerialNumber().toString(16),
                EligibilityWords.day(e.notAfter()), daysLeft(words, e.daysLeft()));
    }

    /** "Authentication certificate". */
    public static String title(Messages words, CardCredential credential) {
        return words.text("purpose.title." + credential.purpose().name());
    }

    /** "30 days left", "1 day left", "expires today" or "expired". */
    public static String daysLeft(Messages words, long days) {
        return days < 0 ? words.text("select.expired") : words.text("select.daysLeft", days);
    }
}
