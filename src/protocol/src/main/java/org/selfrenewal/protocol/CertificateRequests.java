package org.selfrenewal.protocol;

/**
 * Step 2: proof of possession of the current authentication key (base64 signature over
 * {@link SignedMessages#possession}) and one PKCS#10 request (base64 DER) per purpose, each signed by a
 * new key generated on the card.
 */
public record CertificateRequests(String proofOfPossession, String authenticationCsr, String signingCsr) {}
