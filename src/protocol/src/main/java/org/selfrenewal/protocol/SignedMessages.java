package org.selfrenewal.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The exact bytes a card signs at each step. Each message names its step, so a signature made for one
 * step can never be replayed as another, and binds the renewal id and the server's challenge. The proof
 * of possession also binds the service it was made for and the SHA-256 of each certificate request, so a
 * proof relayed to another service, or replayed over other requests, proves nothing.
 */
public final class SignedMessages {

    /** The signature algorithm for every card signature in the protocol. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private SignedMessages() {}

    /**
     * Signed by the CURRENT authentication key when the certificate requests are submitted, after the new
     * keys and both requests exist.
     *
     * @param service              the renewal service's public URL as the client was given it (normalised
     *                             by {@link #serviceIdentity(URI)}); the server recomputes it with its own
     * @param authenticationCsrDer the DER of the authentication certificate request being submitted
     * @param signingCsrDer        the DER of the signing certificate request being submitted
     */
    public static byte[] possession(
            URI service, String renewalId, String challenge, byte[] authenticationCsrDer, byte[] signingCsrDer) {
        return message(
                "possession",
                renewalId,
                challenge,
                "service=" + serviceIdentity(service) + "\n"
                        + "authentication-csr-sha256=" + CertificateCodec.sha256Hex(authenticationCsrDer) + "\n"
                        + "signing-csr-sha256=" + CertificateCodec.sha256Hex(signingCsrDer));
    }

    /** Signed by the NEW authentication key once the new certificates are on the card. */
    public static byte[] confirmation(String renewalId, String challenge, String newAuthenticationSerialHex) {
        return message("confirmation", renewalId, challenge, newAuthenticationSerialHex);
    }

    /** Signed by the CURRENT authentication key to abandon a renewal (nothing was kept on the card). */
    public static byte[] cancellation(String renewalId, String challenge) {
        return message("cancellation", renewalId, challenge, "");
    }

    /**
     * Signed by the card's authentication key (the renewal's old one or its new one, whichever the card still
     * has) to ask how a renewal ended, after an interrupted run. Binds the service, so the question cannot be
     * relayed to another service, and the certificate whose key signs it.
     *
     * @param certificateDer the DER of the authentication certificate sent with the question
     */
    public static byte[] stateQuery(URI service, String renewalId, String challenge, byte[] certificateDer) {
        return message(
                "state",
                renewalId,
                challenge,
                "service=" + serviceIdentity(service) + "\n" + "certificate-sha256="
                        + CertificateCodec.sha256Hex(certificateDer));
    }

    /**
     * A service's identity as it is signed: lower-case scheme and host, an explicit port, and the path
     * without a trailing slash; no user info, query or fragment. {@code https://UIM.example:443/} and
     * {@code https://uim.example} are the same service; {@code http://uim.example} is not.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host
     */
    public static String serviceIdentity(URI service) {
        Objects.requireNonNull(service, "service");
        String scheme = service.getScheme() == null ? "" : service.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the service URL must be http or https: " + service);
        }
        if (service.getHost() == null
                || service.getRawUserInfo() != null
                || service.getRawQuery() != null
                || service.getRawFragment() != null) {
            throw new IllegalArgumentException("the service URL must be scheme://host[:port][/path]: " + service);
        }
        int port = service.getPort() != -1 ? service.getPort() : scheme.equals("https") ? 443 : 80;
        String path = service.getRawPath() == null ? "" : service.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + service.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }

    private static byte[] message(String step, String renewalId, String challenge, String extra) {
        String text = "smartcard-self-renewal/v1\n" + step + "\n" + renewalId + "\n" + challenge + "\n" + extra;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
