package org.selfrenewal.card;

import java.time.LocalDate;
import java.util.regex.Pattern;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * The labels key pairs get when they are made on the card ("Authentication key 2026-11-22"). A key with such
 * a label and no certificate is a half-written credential from an interrupted run.
 */
public final class KeyLabels {

    private static final Pattern NEW_KEY = Pattern.compile("^(Authentication|Signing) key \\d{4}-\\d{2}-\\d{2}$");

    private KeyLabels() {}

    /** The label for a key pair made today for {@code purpose}. */
    public static String forNewKey(CredentialPurpose purpose, LocalDate today) {
        String name = purpose.plainName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " key " + today;
    }

    /** Whether {@code label} is one this application gives the key pairs it makes. */
    public static boolean isNewKeyLabel(String label) {
        return label != null && NEW_KEY.matcher(label).matches();
    }
}
