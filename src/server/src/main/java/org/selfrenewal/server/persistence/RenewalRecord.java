package org.selfrenewal.server.persistence;

import java.time.Instant;

/** One renewal attempt of a card. New certificate ids are null until issued. */
public record RenewalRecord(
        String id,
        long cardId,
        RenewalPhase state,
        String challenge,
        long oldAuthenticationCertId,
        long oldSigningCertId,
        Long newAuthenticationCertId,
        Long newSigningCertId,
        Instant startedAt,
        Instant expiresAt,
        Instant finishedAt) {}
