package org.selfrenewal.protocol;

/**
 * Step 1: the client presents the card's current certificates (base64 DER).
 */
public record StartRenewal(String authenticationCertificate, String signingCertificate) {}
