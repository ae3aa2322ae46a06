package org.selfrenewal.ca;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * One CA as {@code ca status} shows it: its certificate's subject and validity, where its private key
 * lives and whether the key answered a test signature that verifies with the certificate.
 */
public record CaStatus(
        String name, String subject, Instant notBefore, Instant notAfter, String keyLocation, KeyCheck keyCheck) {

    /** The outcome of the key's test signature. */
    public record KeyCheck(Result result, String detail) {
        public enum Result {
            ANSWERS,
            NOT_HELD_HERE,
            FAILS
        }

        public boolean usable() {
            return result != Result.FAILS;
        }

        @Override
        public String toString() {
            return switch (result) {
                case ANSWERS -> "answers a test signature";
                case NOT_HELD_HERE -> "not held by this service" + (detail.isEmpty() ? "" : " (" + detail + ")");
                case FAILS -> "DOES NOT ANSWER: " + detail;
            };
        }
    }

    /** Status of every CA of a loaded hierarchy (the root first), each key tried with a test signature. */
    public static List<CaStatus> of(CaHierarchy hierarchy) {
        List<CaStatus> all = new ArrayList<>();
        X509Certificate root = hierarchy.rootCertificate();
        all.add(hierarchy
                .rootKey()
                .map(key -> of("root CA", root, key))
                .orElseGet(() -> notHeld("root CA", root, "kept offline; only its certificate was imported")));
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            IssuingCa issuer = hierarchy.issuerFor(purpose);
            all.add(of(purpose.plainName() + " CA", issuer.certificate(), issuer.key()));
        }
        return List.copyOf(all);
    }

    static CaStatus of(String name, X509Certificate certificate, CaKey key) {
        KeyCheck check;
        try {
            check = key.signsFor(certificate.getPublicKey())
                    ? new KeyCheck(KeyCheck.Result.ANSWERS, "")
                    : new KeyCheck(KeyCheck.Result.FAILS, "its signature does not verify with the certificate");
        } catch (GeneralSecurityException | RuntimeException e) {
            check = new KeyCheck(KeyCheck.Result.FAILS, String.valueOf(e.getMessage()));
        }
        return withCheck(name, certificate, key.location(), check);
    }

    static CaStatus notHeld(String name, X509Certificate certificate, String why) {
        return withCheck(name, certificate, "not here", new KeyCheck(KeyCheck.Result.NOT_HELD_HERE, why));
    }

    static CaStatus failing(String name, X509Certificate certificate, String location, String why) {
        return withCheck(name, certificate, location, new KeyCheck(KeyCheck.Result.FAILS, why));
    }

    private static CaStatus withCheck(String name, X509Certificate certificate, String location, KeyCheck check) {
        return new CaStatus(
                name,
                certificate.getSubjectX500Principal().getName(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                location,
                check);
    }
}
