package org.selfrenewal.protocol;

/** The card's base64 signature over one of the {@link SignedMessages}: confirms or cancels a renewal. */
public record CardSignature(String signature) {}
