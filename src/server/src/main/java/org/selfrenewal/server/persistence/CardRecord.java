package org.selfrenewal.server.persistence;

import java.time.Instant;

/** A smartcard registered by a registration authority. */
public record CardRecord(long id, String holderName, String userId, String tokenSerial, Instant createdAt) {
}
