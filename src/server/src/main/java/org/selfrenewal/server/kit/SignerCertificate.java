package org.selfrenewal.server.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The certificate that signed a jar, read from the jar itself (every signed entry verified on the way). */
final class SignerCertificate {

    private SignerCertificate() {}

    /** The signer's own certificate; throws if the jar is unsigned or an entry fails verification. */
    static X509Certificate of(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            X509Certificate signer = null;
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signer == null && signers != null && signers.length > 0) {
                    signer = (X509Certificate)
                            signers[0].getSignerCertPath().getCertificates().get(0);
                }
            }
            if (signer == null) {
                throw new IOException(jar + " is not signed: pass the folder with the signed client jars");
            }
            return signer;
        } catch (SecurityException e) {
            throw new IOException(jar + " fails its signature check: " + e.getMessage());
        }
    }
}
