package org.selfrenewal.client;

import org.selfrenewal.protocol.CredentialPurpose;

/**
 * Something the card holder should know after a successful renewal.
 *
 * @param kind    what happened
 * @param purpose which credential it concerns
 */
public record CardRenewalWarning(Kind kind, CredentialPurpose purpose) {

    /** The kinds of warning. */
    public enum Kind {
        /** An old key or certificate could not be removed; it is no longer valid. */
        OLD_CREDENTIAL_NOT_REMOVED,
        /** Read back after the renewal, the card did not show the new credential as its current one. */
        NEW_CREDENTIAL_NOT_CURRENT
    }
}
