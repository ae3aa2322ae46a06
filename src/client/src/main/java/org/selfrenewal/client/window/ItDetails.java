package org.selfrenewal.client.window;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.session.Problem;
import org.selfrenewal.client.session.SmartcardSession;

/**
 * "Copy details for IT": what a service desk needs to help — versions, operating system, card middleware,
 * the card as it describes itself, the service, and the last problem's code and time. Never a passcode,
 * never a key, never a certificate's contents.
 */
final class ItDetails {

    private ItDetails() {}

    static String text(SmartcardSession session, TokenLocation card, String service) {
        List<String> lines = new ArrayList<>();
        lines.add("Smartcard Service details for IT");
        lines.add("Application: selfrenewal-client " + ClientVersion.text());
        lines.add("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        lines.add("Operating system: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        lines.add("Card middleware (PKCS#11): " + card.library());
        lines.add("Card selected by: " + card.spec());
        session.lastToken().ifPresentOrElse(t -> lines.add(describe(t)), () -> lines.add("Card: not read"));
        lines.add("Renewal service: " + service);
        session.lastProblem().ifPresentOrElse(p -> lines.add(describe(p)), () -> lines.add("Last problem: none"));
        lines.add("Copied: " + timestamp(Instant.now()));
        return String.join(System.lineSeparator(), lines);
    }

    private static String describe(TokenDescription token) {
        return "Card: label '" + token.label() + "', serial " + token.serialNumber() + ", made by "
                + token.manufacturer() + ", model " + token.model() + (token.pinLocked() ? ", LOCKED" : "")
                + (token.pinFinalTry() ? ", final passcode try" : "");
    }

    private static String describe(Problem problem) {
        return "Last problem: " + problem.reference() + " at " + timestamp(problem.at());
    }

    private static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                at.atZone(ZoneId.systemDefault()).withNano(0));
    }
}
