package org.selfrenewal.launch;

import java.util.Objects;

/**
 * One jar of the client application as listed in the JNLP.
 *
 * @param name a short name for logs and tests, e.g. "client"
 * @param href where OpenWebStart downloads it: absolute, or relative to {@code <publicBaseUrl>/urswebapp/},
 *             e.g. "jars/client-0.1.0.jar" (put the version in the file name so caches never serve a stale jar)
 * @param os   empty for every platform (the JNLP's main {@code <resources>}); else the jar is only for the
 *             platforms whose {@code os.name} starts with it ({@code <resources os="Linux" arch="...">}), e.g. the
 *             card library's native code
 * @param arch with {@code os}: the architectures ({@code os.arch} prefixes, space-separated), empty for every one
 */
public record JarReference(String name, String href, String os, String arch) {

    /** A jar for every platform. */
    public JarReference(String name, String href) {
        this(name, href, "", "");
    }

    /** Checks that the parts are present. */
    public JarReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        if (os.isBlank() && !arch.isBlank()) {
            throw new IllegalArgumentException("jar " + name + ": an arch needs an os");
        }
    }

    /** Whether every platform downloads this jar. */
    public boolean everyPlatform() {
        return os.isBlank();
    }
}
