package org.selfrenewal.server.ra;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a new card's certificates expire: {@code --expires-in 30d} (or h, m; negative for expired) or an instant. */
final class ExpiryOption {

    private static final Pattern RELATIVE = Pattern.compile("^(-?\\d+)([dhm])$");

    private ExpiryOption() {}

    static Instant resolve(String expiresIn, Instant notAfter, Instant now) {
        if (notAfter != null) {
            return notAfter;
        }
        Matcher m = RELATIVE.matcher(expiresIn.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--expires-in takes a number of days, hours or minutes, "
                    + "like 30d, 12h or -1d (already expired); got '" + expiresIn + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration =
                switch (m.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMinutes(amount);
                };
        return now.plus(duration);
    }
}
