package org.selfrenewal.protocol;

/** A base64 signature over one of the {@link SignedMessages}: used to confirm or cancel a renewal. */
public record SignedStatement(String signature) {}
