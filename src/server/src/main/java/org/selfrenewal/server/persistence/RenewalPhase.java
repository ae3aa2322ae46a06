package org.selfrenewal.server.persistence;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a renewal is in its life, as the server keeps it (stored by name; the API maps it to the wire). */
public enum RenewalPhase {
    /** Challenge handed out; waiting for the certificate requests and their proof. */
    STARTED,
    /** New certificates issued and PENDING: waiting for the confirmation signed with the new key. */
    ISSUED,
    /** New certificates CURRENT, old ones SUPERSEDED. */
    CONFIRMED,
    /** Stopped by the card holder, a refusal, the RA or the timeout; anything it issued REVOKED. */
    CANCELLED;

    /** Still open: the card has no other renewal while one is. */
    public boolean isOpen() {
        return this == STARTED || this == ISSUED;
    }

    /** The open states as an SQL list, e.g. {@code 'STARTED', 'ISSUED'}: the one place queries learn them. */
    static String openSqlList() {
        return Arrays.stream(values())
                .filter(RenewalPhase::isOpen)
                .map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
    }
}
