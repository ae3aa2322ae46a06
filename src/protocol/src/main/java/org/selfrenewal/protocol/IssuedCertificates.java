package org.selfrenewal.protocol;

import java.util.List;

/**
 * The new certificates (base64 DER), each with its chain (issuing CA first, root last). They become
 * current only once the renewal is confirmed.
 */
public record IssuedCertificates(
        String authenticationCertificate,
        String signingCertificate,
        List<String> authenticationChain,
        List<String> signingChain) {

    public IssuedCertificates {
        authenticationChain = authenticationChain == null ? null : List.copyOf(authenticationChain);
        signingChain = signingChain == null ? null : List.copyOf(signingChain);
    }
}
