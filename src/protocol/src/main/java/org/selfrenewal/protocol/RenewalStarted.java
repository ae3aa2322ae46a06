package org.selfrenewal.protocol;

import java.time.Instant;

/**
 * The server's answer to {@link StartRenewal}: a renewal id and a fresh random challenge (base64) that
 * the current authentication key must sign (see {@link SignedMessages#possession}).
 */
public record RenewalStarted(String renewalId, String challenge, Instant expiresAt) {}
