package org.selfrenewal.card;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a card is: the PKCS#11 library plus exactly one way to pick the token, written as
 * {@code slot=N} (PKCS#11 slot id), {@code index=N} (position among the slots that hold a token,
 * counting from 0) or {@code label=L} (token label).
 *
 * <p>For SoftHSM2 prefer the label: slot ids of tokens are only stable for tokens created by
 * {@code softhsm2-util}, and a token created inside a running process gets a different slot id in
 * the next process.
 */
public record TokenLocation(Path library, Selector selector, String value) {

    /** The SoftHSM2 library installed by {@code apt-get install softhsm2} on Debian/Ubuntu. */
    public static final Path SOFTHSM2_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    /** How the token is picked. */
    public enum Selector {
        SLOT_ID("slot"),
        SLOT_INDEX("index"),
        TOKEN_LABEL("label");

        private final String key;

        Selector(String key) {
            this.key = key;
        }

        /** The key used in the {@code key=value} form. */
        public String key() {
            return key;
        }
    }

    public TokenLocation {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(value, "value");
        if (selector != Selector.TOKEN_LABEL) {
            long number = parseNumber(value);
            if (number < 0) {
                throw new IllegalArgumentException(selector.key() + " must not be negative: " + value);
            }
        } else if (value.isBlank() || value.length() > 32) {
            throw new IllegalArgumentException("A token label has 1 to 32 characters: '" + value + "'");
        }
    }

    public static TokenLocation bySlotId(Path library, long slotId) {
        return new TokenLocation(library, Selector.SLOT_ID, Long.toString(slotId));
    }

    public static TokenLocation bySlotIndex(Path library, int index) {
        return new TokenLocation(library, Selector.SLOT_INDEX, Integer.toString(index));
    }

    public static TokenLocation byLabel(Path library, String tokenLabel) {
        return new TokenLocation(library, Selector.TOKEN_LABEL, tokenLabel);
    }

    /**
     * Parses {@code slot=N}, {@code index=N} or {@code label=L}.
     *
     * @param library the PKCS#11 library; {@code null} means {@link #SOFTHSM2_LIBRARY}
     */
    public static TokenLocation parse(Path library, String spec) {
        Objects.requireNonNull(spec, "spec");
        int eq = spec.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("Expected slot=N, index=N or label=L but got '" + spec + "'");
        }
        String key = spec.substring(0, eq).trim();
        String value = spec.substring(eq + 1);
        Path lib = library == null ? SOFTHSM2_LIBRARY : library;
        for (Selector s : Selector.values()) {
            if (s.key().equals(key)) {
                return new TokenLocation(lib, s, s == Selector.TOKEN_LABEL ? value : value.trim());
            }
        }
        throw new IllegalArgumentException("Expected slot=N, index=N or label=L but got '" + spec + "'");
    }

    /** Same as {@link #parse(Path, String)} with a library path given as text. */
    public static TokenLocation parse(String libraryPath, String spec) {
        return parse(libraryPath == null ? null : Path.of(libraryPath), spec);
    }

    /** The slot id; only for {@link Selector#SLOT_ID}. */
    public long slotId() {
        requireSelector(Selector.SLOT_ID);
        return parseNumber(value);
    }

    /** The index among slots with a token; only for {@link Selector#SLOT_INDEX}. */
    public int slotIndex() {
        requireSelector(Selector.SLOT_INDEX);
        return Math.toIntExact(parseNumber(value));
    }

    /** The token label; only for {@link Selector#TOKEN_LABEL}. */
    public String tokenLabel() {
        requireSelector(Selector.TOKEN_LABEL);
        return value;
    }

    /** The {@code key=value} form accepted by {@link #parse(Path, String)}. */
    public String spec() {
        return selector.key() + "=" + value;
    }

    @Override
    public String toString() {
        return library + " " + spec();
    }

    private void requireSelector(Selector expected) {
        if (selector != expected) {
            throw new IllegalStateException("This location is chosen by " + selector.key() + ", not " + expected.key());
        }
    }

    private static long parseNumber(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a number: '" + value + "'", e);
        }
    }
}
