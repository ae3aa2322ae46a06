package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

/** Prints how long hierarchy creation, loading and issuance take; measures, asserts nothing about time. */
class TimingMeasurementTest {

    @TempDir
    Path directory;

    @Test
    void measure() throws Exception {
        char[] password = "timing".toCharArray();
        long[] creations = new long[3];
        for (int i = 0; i < creations.length; i++) {
            long started = System.nanoTime();
            DevelopmentHierarchy.create(directory.resolve("h" + i), password, Clock.systemUTC());
            creations[i] = (System.nanoTime() - started) / 1_000_000;
        }
        long started = System.nanoTime();
        CaHierarchy hierarchy = DevelopmentHierarchy.load(directory.resolve("h0"), password, Clock.systemUTC());
        long loadMillis = (System.nanoTime() - started) / 1_000_000;

        IssueRequest request = IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
                .subject(TestCertificates.cardHolderName("Jane Example"))
                .publicKey(TestCertificates.rsa2048("card").getPublic());
        for (int i = 0; i < 50; i++) { // warm-up
            hierarchy.issue(request);
        }
        int count = 500;
        List<X509Certificate> issued = new ArrayList<>(count);
        started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            issued.add(hierarchy.issue(request));
        }
        double issueMillis = (System.nanoTime() - started) / 1e6 / count;

        started = System.nanoTime();
        for (X509Certificate certificate : issued) {
            hierarchy.verifyIssuedByUs(certificate);
        }
        double verifyMillis = (System.nanoTime() - started) / 1e6 / count;

        System.out.printf(
                "TIMING hierarchy creation (3 x RSA-3072 keys, 6 files): %d / %d / %d ms%n",
                creations[0], creations[1], creations[2]);
        System.out.printf("TIMING hierarchy load (3 PKCS#12 files, signature and key checks): %d ms%n", loadMillis);
        System.out.printf(
                "TIMING issuance: %.2f ms per certificate (%d certificates, RSA-3072 CA key)%n", issueMillis, count);
        System.out.printf("TIMING verifyIssuedByUs: %.3f ms per certificate%n", verifyMillis);
        assertEquals(
                count,
                issued.stream().map(X509Certificate::getSerialNumber).distinct().count());
    }
}
