package org.selfrenewal.client;

import java.time.Clock;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.protocol.RenewalWindow;

/** One line per credential for the card holder: which certificate, whose, when it expires. */
final class CredentialLines {

    private CredentialLines() {
    }

    static String describe(CardCredential credential, Clock clock) {
        Eligibility e = new RenewalWindow(clock).evaluate(credential.certificate().getNotAfter().toInstant());
        String purpose = credential.purpose().plainName();
        String name = Character.toUpperCase(purpose.charAt(0)) + purpose.substring(1);
        long days = e.daysLeft();
        String left = days < 0 ? "expired" : days == 1 ? "1 day left" : days + " days left";
        return String.format("  %-15s certificate  serial %s  expires %s (%s)", name,
                credential.certificate().getSerialNumber().toString(16),
                EligibilityWords.date(e.notAfter()), left);
    }
}
