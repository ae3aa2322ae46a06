package org.selfrenewal.protocol;

/** Where a renewal is in its life. */
public enum RenewalState {
    /** Challenge handed out; waiting for the certificate requests. */
    STARTED,
    /** New certificates issued, not yet current: waiting for the confirmation signed with the new key. */
    ISSUED,
    /** New certificates current, old ones superseded. */
    CONFIRMED,
    /** Stopped by the client, by a newer renewal or by timing out; any issued certificates revoked. */
    CANCELLED;

    public boolean isOpen() {
        return this == STARTED || this == ISSUED;
    }
}
