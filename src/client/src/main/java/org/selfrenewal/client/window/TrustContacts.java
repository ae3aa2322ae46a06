package org.selfrenewal.client.window;

import java.util.Optional;

/**
 * Who the card holder's trust says to contact for help, passed to the client by the JNLP from the server's
 * site configuration ({@code selfrenewal.trust.name}, {@code selfrenewal.trust.contact}).
 *
 * @param trustName the trust's name, e.g. "Liverpool University Hospitals"
 * @param contact   free text, e.g. "IT service desk, phone ext 5499"
 */
public record TrustContacts(String trustName, String contact) {

    public static final String NAME_PROPERTY = "selfrenewal.trust.name";
    public static final String CONTACT_PROPERTY = "selfrenewal.trust.contact";
    private static final int MAX_LENGTH = 200;

    /** From the system properties the JNLP sets; blank or missing values are left out. */
    public static TrustContacts fromSystemProperties() {
        return new TrustContacts(clean(System.getProperty(NAME_PROPERTY)), clean(System.getProperty(CONTACT_PROPERTY)));
    }

    /** The contact line to show, if the trust gave one. */
    public Optional<String> helpLine() {
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(trustName.isEmpty() ? contact : trustName + ": " + contact);
    }

    /** Control characters removed and length capped: these values come from a downloaded file. */
    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
    }
}
