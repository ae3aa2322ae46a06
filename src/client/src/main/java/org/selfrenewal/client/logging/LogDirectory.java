package org.selfrenewal.client.logging;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the card holder's log files go, in each operating system's usual per-user place (or
 * {@code -Dselfrenewal.log.dir}): Windows {@code %LOCALAPPDATA%\SmartcardSelfRenewal\logs}, macOS
 * {@code ~/Library/Logs/SmartcardSelfRenewal}, elsewhere {@code $XDG_STATE_HOME/smartcard-self-renewal/logs}
 * (default {@code ~/.local/state}). Used by {@link ClientLogConfiguration}; the passcode is never logged.
 */
public final class LogDirectory {

    private LogDirectory() {}

    public static final String PROPERTY = "selfrenewal.log.dir";

    /** The directory for this user and operating system. */
    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("SmartcardSelfRenewal")
                    .resolve("logs");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("SmartcardSelfRenewal");
        }
        String state = System.getenv("XDG_STATE_HOME");
        return (state != null && !state.isBlank()
                        ? Path.of(state)
                        : home.resolve(".local").resolve("state"))
                .resolve("smartcard-self-renewal")
                .resolve("logs");
    }
}
