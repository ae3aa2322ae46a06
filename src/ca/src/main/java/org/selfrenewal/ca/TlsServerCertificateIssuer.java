package org.selfrenewal.ca;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the development HTTPS server certificate directly from the root CA: KeyUsage digitalSignature
 * (critical; with keyEncipherment for an RSA key), EKU serverAuth, subjectAltName with the DNS names and IP
 * addresses, CN set to the first name. The key is ECDSA P-256 or RSA ({@link TlsServerKeyPolicy}). Valid
 * from five minutes ago to tolerate clock skew.
 */
final class TlsServerCertificateIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(TlsServerCertificateIssuer.class);

    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private final X509Certificate issuerCertificate;
    private final CertificateSigner signer;
    private final Clock clock;

    TlsServerCertificateIssuer(X509Certificate issuerCertificate, CertificateSigner signer, Clock clock) {
        this.issuerCertificate = issuerCertificate;
        this.signer = signer;
        this.clock = clock;
    }

    X509Certificate issue(
            SubjectPublicKeyInfo publicKey, List<String> dnsNames, List<String> ipAddresses, Duration validity)
            throws IssuanceRefusedException {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validity, "validity");
        List<String> dns = List.copyOf(Objects.requireNonNull(dnsNames, "dnsNames"));
        List<String> ips = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
        if (dns.isEmpty() && ips.isEmpty()) {
            throw new IllegalArgumentException("A TLS server certificate needs at least one DNS name or IP address");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("The validity must be positive, not " + validity);
        }
        TlsServerKeyPolicy.check(publicKey);

        List<GeneralName> names = new ArrayList<>();
        for (String name : dns) {
            if (name.isBlank() || !name.matches("[A-Za-z0-9*._-]+")) {
                throw new IllegalArgumentException("Not a DNS name: '" + name + "'");
            }
            names.add(new GeneralName(GeneralName.dNSName, name));
        }
        for (String address : ips) {
            try {
                names.add(new GeneralName(GeneralName.iPAddress, address));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not an IP address: '" + address + "'", e);
            }
        }

        Instant notBefore = clock.instant().minus(CLOCK_SKEW_ALLOWANCE).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(validity).plus(CLOCK_SKEW_ALLOWANCE).truncatedTo(ChronoUnit.SECONDS);
        Instant issuerNotAfter = issuerCertificate.getNotAfter().toInstant();
        if (notAfter.isAfter(issuerNotAfter)) {
            throw new IssuanceRefusedException(
                    "Valid until " + notAfter + " is after the root CA's own validity ends (" + issuerNotAfter + ")");
        }

        String commonName = dns.isEmpty() ? ips.get(0) : dns.get(0);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, DevelopmentHierarchy.COUNTRY)
                .addRDN(BCStyle.O, DevelopmentHierarchy.ORGANISATION)
                .addRDN(BCStyle.CN, commonName)
                .build();

        List<Extension> extensions = List.of(
                CertificateSigner.extension(Extension.basicConstraints, true, new BasicConstraints(false)),
                CertificateSigner.extension(Extension.keyUsage, true, keyUsage(publicKey)),
                CertificateSigner.extension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                CertificateSigner.extension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0]))));
        X509Certificate certificate = signer.sign(subject, publicKey, notBefore, notAfter, extensions);
        LOG.info(
                "Issued TLS server certificate serial {} for {} {}, valid until {}",
                certificate.getSerialNumber().toString(16),
                dns,
                ips,
                notAfter);
        return certificate;
    }

    /** An EC key only signs (TLS 1.3 and ECDHE_ECDSA); an RSA key may also be used by RSA key exchange clients. */
    private static KeyUsage keyUsage(SubjectPublicKeyInfo publicKey) {
        return TlsServerKeyPolicy.isEc(publicKey)
                ? new KeyUsage(KeyUsage.digitalSignature)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }
}
