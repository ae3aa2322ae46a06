package org.selfrenewal.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the HSM's user PIN comes from: an environment variable or a file (its first line). The PIN
 * itself is never stored in the configuration, put on a command line or logged; only its source is.
 */
public record PinSource(Kind kind, String name) {

    /** How the PIN is found. */
    public enum Kind {
        ENVIRONMENT("pin.env"),
        FILE("pin.file");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The key naming this source in the HSM settings file. */
        public String key() {
            return key;
        }
    }

    public PinSource {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    kind == Kind.ENVIRONMENT
                            ? "The PIN's environment variable has no name"
                            : "The PIN file has no path");
        }
    }

    public static PinSource environment(String variable) {
        return new PinSource(Kind.ENVIRONMENT, variable);
    }

    public static PinSource file(Path file) {
        return new PinSource(Kind.FILE, file.toAbsolutePath().normalize().toString());
    }

    /** The PIN, read now. */
    public char[] read() throws CaStoreException {
        String pin;
        if (kind == Kind.ENVIRONMENT) {
            pin = System.getenv(name);
            if (pin == null || pin.isEmpty()) {
                throw new CaStoreException("The HSM PIN's environment variable " + name + " is not set");
            }
        } else {
            try {
                pin = Files.readString(Path.of(name), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("");
            } catch (IOException | RuntimeException e) {
                throw new CaStoreException("The HSM PIN file " + name + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (pin.isEmpty()) {
                throw new CaStoreException("The HSM PIN file " + name + " is empty");
            }
        }
        return pin.toCharArray();
    }

    /** Where the PIN comes from, in words (never the PIN). */
    public String describe() {
        return kind == Kind.ENVIRONMENT ? "environment variable " + name : "file " + name;
    }
}
