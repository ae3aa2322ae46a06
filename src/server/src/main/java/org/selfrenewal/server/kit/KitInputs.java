package org.selfrenewal.server.kit;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * What a deployment kit is made from, all taken from the running configuration.
 *
 * @param publicUrl  the service's address card holders use (scheme, host, port)
 * @param tlsRoot    the root of the service's TLS certificate chain (what the JNLP client must trust)
 * @param signer     the certificate that signed the client jars (pre-trusted, so no prompt appears)
 * @param clientJar  the signed client jar the JNLP names first (copied for the logon task)
 */
public record KitInputs(URI publicUrl, X509Certificate tlsRoot, X509Certificate signer, Path clientJar) {

    /** The renewal link, as card holders and the expiry notification open it. */
    public URI renewalPage() {
        return URI.create(origin() + "/urswebapp/?operation=selfRenewSmartcard");
    }

    /** Scheme, host and port only, as browser policies name an origin. */
    public String origin() {
        return publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    }

    /** The client jar's file name. */
    public String clientJarName() {
        Path name = clientJar.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a jar file: " + clientJar);
        }
        return name.toString();
    }

    public String host() {
        return publicUrl.getHost();
    }
}
