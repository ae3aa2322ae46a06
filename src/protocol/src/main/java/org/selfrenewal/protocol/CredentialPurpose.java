package org.selfrenewal.protocol;

/** The two credentials an NHS smartcard holds. */
public enum CredentialPurpose {
    AUTHENTICATION("authentication"),
    SIGNING("signing");

    private final String plainName;

    CredentialPurpose(String plainName) {
        this.plainName = plainName;
    }

    /** Lower-case word for messages shown to a card holder. */
    public String plainName() {
        return plainName;
    }
}
