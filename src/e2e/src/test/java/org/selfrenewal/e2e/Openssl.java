package org.selfrenewal.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The openssl command line as an independent judge of what our CA issued. */
final class Openssl {

    private Openssl() {}

    static boolean installed() {
        try {
            return ProcessRun.run(
                                    Path.of(System.getProperty("java.io.tmpdir")),
                                    Map.of(),
                                    null,
                                    List.of("openssl", "version"))
                            .exitCode()
                    == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code openssl verify -CAfile root -untrusted issuing leaf}: its output ends in ": OK" when valid. */
    static ProcessRun verify(Path workDirectory, X509Certificate leaf, Path rootPem, Path issuingPem) throws Exception {
        Path leafPem = workDirectory.resolve("leaf-" + leaf.getSerialNumber().toString(16) + ".pem");
        Files.writeString(leafPem, pem(leaf));
        return ProcessRun.run(
                workDirectory,
                Map.of(),
                null,
                List.of(
                        "openssl",
                        "verify",
                        "-CAfile",
                        rootPem.toString(),
                        "-untrusted",
                        issuingPem.toString(),
                        leafPem.toString()));
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
