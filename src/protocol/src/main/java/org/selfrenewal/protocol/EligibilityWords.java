package org.selfrenewal.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the client and the server put an eligibility decision into plain English (UK dates, UTC days). */
public final class EligibilityWords {

    private static final DateTimeFormatter PLAIN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private EligibilityWords() {}

    /** "22 February 2027". */
    public static String date(Instant instant) {
        return day(instant).format(PLAIN_DATE);
    }

    /** The calendar day (UTC) of an instant. */
    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** One sentence or two for the card holder: can they renew, and if not, when or where. */
    public static String explain(Eligibility eligibility) {
        return switch (eligibility.status()) {
            case DUE -> "Your smartcard certificates expire on " + date(eligibility.notAfter()) + " ("
                    + daysLeft(eligibility) + "). You can renew them now.";
            case NOT_YET_DUE -> "Your smartcard certificates are not due for renewal yet. You can renew them from "
                    + date(eligibility.renewalOpensAt()) + " (90 days before they expire on "
                    + date(eligibility.notAfter()) + ").";
            case EXPIRED -> "Your smartcard certificates expired on " + date(eligibility.notAfter())
                    + ", so they cannot be renewed online. Visit your local registration authority (RA) and ask "
                    + "them to renew your certificates.";
        };
    }

    private static String daysLeft(Eligibility eligibility) {
        long days = eligibility.daysLeft();
        return days == 0 ? "today" : days == 1 ? "1 day left" : days + " days left";
    }
}
