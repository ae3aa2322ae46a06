package org.selfrenewal.protocol;

import java.time.Instant;

/**
 * How a renewal stands, for a client finishing or undoing an interrupted run. The new certificates (base64
 * DER) are given once issued (also when the renewal was then cancelled), so the client can tell which
 * certificates on the card this renewal wrote; null before.
 *
 * @param expired true when an open renewal's time ran out (the service cancels it; it can never be confirmed)
 */
public record RenewalStatus(
        String renewalId,
        RenewalState state,
        boolean expired,
        Instant expiresAt,
        String authenticationCertificate,
        String signingCertificate) {}
