package org.selfrenewal.protocol;

/**
 * Asks how a renewal stands (see {@link ApiPaths#state(String)}): the card's authentication certificate (the
 * renewal's old one or its new one, base64 DER) and a signature by its key over {@link
 * SignedMessages#stateQuery}.
 */
public record RenewalStateRequest(String authenticationCertificate, String signature) {}
