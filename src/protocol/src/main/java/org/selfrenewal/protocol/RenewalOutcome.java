package org.selfrenewal.protocol;

/** The state a renewal ended in after a confirmation or cancellation. */
public record RenewalOutcome(String renewalId, RenewalState state) {}
