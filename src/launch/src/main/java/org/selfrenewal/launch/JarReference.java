package org.selfrenewal.launch;

import java.util.Objects;

/**
 * One jar of the client application as listed in the JNLP.
 *
 * @param name a short name for logs and tests, e.g. "client"
 * @param href where OpenWebStart downloads it: absolute, or relative to {@code <publicBaseUrl>/urswebapp/},
 *             e.g. "jars/client-0.1.0.jar" (put the version in the file name so caches never serve a stale jar)
 */
public record JarReference(String name, String href) {

    /** Checks that both parts are present. */
    public JarReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(href, "href");
    }
}
