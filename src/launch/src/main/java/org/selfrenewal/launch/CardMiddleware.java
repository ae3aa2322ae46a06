package org.selfrenewal.launch;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Which PKCS#11 library (the card middleware) and which token the client uses, per operating system. The
 * JNLP carries them as {@code <resources os="...">} properties, so the JNLP client sets only those of the
 * card holder's system. Site configuration keys ({@code <os>} is {@code windows}, {@code macos} or
 * {@code linux}):
 *
 * <pre>
 * card.&lt;os&gt;.pkcs11Library = C:\Windows\System32\vendor-pkcs11.dll
 * card.&lt;os&gt;.token         = index=0      (or label=L, slot=N)
 * </pre>
 *
 * <p>Defaults: OpenSC's library on Linux (Debian/Ubuntu x86-64 path) and macOS; on Windows none, since the
 * NHS card middleware's vendor library differs by card series: the trust names it, and until it does the
 * client tells the card holder the service has not said which card software to use.
 */
public record CardMiddleware(Map<Os, Selection> perOs) {

    /** The operating systems a JNLP can name, with their JNLP {@code os} value and configuration key. */
    public enum Os {
        WINDOWS("Windows", "windows", ""),
        MAC_OS("Mac OS X", "macos", "/Library/OpenSC/lib/opensc-pkcs11.so"),
        LINUX("Linux", "linux", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");

        private final String jnlpName;
        private final String key;
        private final String defaultLibrary;

        Os(String jnlpName, String key, String defaultLibrary) {
            this.jnlpName = jnlpName;
            this.key = key;
            this.defaultLibrary = defaultLibrary;
        }

        /** The JNLP {@code <resources os="...">} value (a prefix of Java's {@code os.name}). */
        public String jnlpName() {
            return jnlpName;
        }

        /** The part of the configuration keys, e.g. {@code card.linux.pkcs11Library}. */
        public String key() {
            return key;
        }

        /** The library used when the site configuration names none ({@code ""}: none, the trust must name it). */
        public String defaultLibrary() {
            return defaultLibrary;
        }
    }

    /** The library (empty: not named) and the token selection ({@code index=0}, {@code label=L}, {@code slot=N}). */
    public record Selection(String pkcs11Library, String token) {
        public Selection {
            Objects.requireNonNull(pkcs11Library, "pkcs11Library");
            Objects.requireNonNull(token, "token");
            if (!token.matches("(index|slot)=\\d+|label=.{1,32}")) {
                throw new IllegalArgumentException("a card token is index=N, slot=N or label=L, not '" + token + "'");
            }
        }
    }

    /** The default token selection: the first slot holding a card. */
    public static final String DEFAULT_TOKEN = "index=0";

    public CardMiddleware {
        EnumMap<Os, Selection> copy = new EnumMap<>(Os.class);
        copy.putAll(perOs);
        for (Os os : Os.values()) {
            copy.putIfAbsent(os, new Selection(os.defaultLibrary(), DEFAULT_TOKEN));
        }
        perOs = Map.copyOf(copy);
    }

    /** The per-OS defaults. */
    public static CardMiddleware defaults() {
        return new CardMiddleware(Map.of());
    }

    public Selection on(Os os) {
        return perOs.get(os);
    }

    /** This configuration with {@code os}'s library and token replaced. */
    public CardMiddleware with(Os os, String pkcs11Library, String token) {
        EnumMap<Os, Selection> copy = new EnumMap<>(perOs);
        copy.put(os, new Selection(pkcs11Library, token));
        return new CardMiddleware(copy);
    }

    /** Reads the {@code card.<os>.*} keys; a key left out keeps {@code fallback}'s value. */
    static CardMiddleware fromProperties(Properties properties, CardMiddleware fallback) {
        EnumMap<Os, Selection> perOs = new EnumMap<>(Os.class);
        for (Os os : Os.values()) {
            Selection before = fallback.on(os);
            String prefix = "card." + os.key().toLowerCase(Locale.ROOT) + ".";
            String library = properties
                    .getProperty(prefix + "pkcs11Library", before.pkcs11Library())
                    .trim();
            String token =
                    properties.getProperty(prefix + "token", before.token()).trim();
            try {
                perOs.put(os, new Selection(library, token));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix + "token: " + e.getMessage(), e);
            }
        }
        return new CardMiddleware(perOs);
    }
}
