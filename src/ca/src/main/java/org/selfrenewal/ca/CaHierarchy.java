package org.selfrenewal.ca;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * The CA hierarchy the server runs: one root CA and one issuing CA per {@link CredentialPurpose}.
 * Issues smartcard certificates, tells whether a presented certificate is ours, and issues the
 * development HTTPS server certificate (directly from the root). Obtain one from
 * {@link DevelopmentHierarchy}. Thread-safe.
 */
public final class CaHierarchy {

    private final X509Certificate rootCertificate;
    private final Map<CredentialPurpose, IssuingCa> issuers;
    private final CaKey rootKey;
    private final TlsServerCertificateIssuer tlsIssuer;

    /** {@code rootKey} is null when the root's key is not here (an imported hierarchy: the root stays offline). */
    CaHierarchy(
            X509Certificate rootCertificate,
            CaKey rootKey,
            Map<CredentialPurpose, IssuingCa> issuers,
            SecureRandom random,
            Clock clock) {
        this.rootCertificate = Objects.requireNonNull(rootCertificate, "rootCertificate");
        EnumMap<CredentialPurpose, IssuingCa> copy = new EnumMap<>(CredentialPurpose.class);
        copy.putAll(issuers);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            if (!copy.containsKey(purpose)) {
                throw new IllegalArgumentException("No issuing CA for " + purpose);
            }
        }
        this.issuers = copy;
        this.rootKey = rootKey;
        this.tlsIssuer = rootKey == null
                ? null
                : new TlsServerCertificateIssuer(
                        rootCertificate, CertificateSigner.forIssuer(rootCertificate, rootKey, random), clock);
    }

    /** The self-signed root certificate that relying parties trust. */
    @SuppressFBWarnings(
            value = "EI_EXPOSE_REP",
            justification = "an X509Certificate cannot be changed through its public API")
    public X509Certificate rootCertificate() {
        return rootCertificate;
    }

    /** The root's key, when this process holds it (the development hierarchy); empty for an imported one. */
    public Optional<CaKey> rootKey() {
        return Optional.ofNullable(rootKey);
    }

    /** The issuing CA for a purpose. */
    public IssuingCa issuerFor(CredentialPurpose purpose) {
        return issuers.get(Objects.requireNonNull(purpose, "purpose"));
    }

    /** The chain above a certificate of this purpose: issuing CA certificate, then root. */
    public List<X509Certificate> chain(CredentialPurpose purpose) {
        return issuerFor(purpose).chain();
    }

    /**
     * Every issuing CA publishes its CRL at {@code <base>/pki/<purpose>.crl} and answers OCSP at
     * {@code <base>/pki/ocsp/<purpose>}; certificates issued from now on name both.
     */
    public void publishRevocationAt(URI base) {
        String root = base.toString().replaceAll("/+$", "");
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            String name = purpose.name().toLowerCase(Locale.ROOT);
            issuerFor(purpose)
                    .publishRevocationAt(new IssuingCa.RevocationLocations(
                            URI.create(root + "/pki/" + name + ".crl"), URI.create(root + "/pki/ocsp/" + name)));
        }
    }

    /** Issues with the issuing CA of the request's purpose; see {@link IssuingCa#issue(IssueRequest)}. */
    public X509Certificate issue(IssueRequest request) throws IssuanceRefusedException {
        return issuerFor(request.purpose()).issue(request);
    }

    /**
     * Checks that a smartcard certificate was issued by one of our issuing CAs: the issuing CA is
     * chosen by the certificate's issuer name and the signature must verify with its key. Validity
     * dates and revocation are not checked here.
     *
     * @return the purpose of the issuing CA that signed it
     * @throws NotIssuedByUsException with the reason otherwise
     */
    public CredentialPurpose verifyIssuedByUs(X509Certificate certificate) throws NotIssuedByUsException {
        Objects.requireNonNull(certificate, "certificate");
        IssuingCa issuer = issuerNamed(certificate)
                .orElseThrow(() -> new NotIssuedByUsException("Certificate "
                        + certificate.getSerialNumber().toString(16) + " was issued by '"
                        + certificate.getIssuerX500Principal().getName() + "', which is not one of our issuing CAs"));
        if (!issuer.issued(certificate)) {
            throw new NotIssuedByUsException(
                    "Certificate " + certificate.getSerialNumber().toString(16)
                            + " names our " + issuer.purpose().plainName()
                            + " CA as issuer, but its signature does not verify with that CA's key");
        }
        return issuer.purpose();
    }

    /**
     * Issues an HTTPS server certificate signed by the root (chain for clients: the certificate
     * itself; they trust {@link #rootCertificate()}).
     *
     * @param publicKey   the server's key: ECDSA P-256 (cheapest per handshake), or RSA under the smartcard
     *                    certificates' rules
     * @param dnsNames    DNS names for the subjectAltName; the first becomes the CN
     * @param ipAddresses IPv4/IPv6 literals for the subjectAltName
     * @param validity    how long the certificate is valid
     */
    public X509Certificate issueTlsServerCertificate(
            SubjectPublicKeyInfo publicKey, List<String> dnsNames, List<String> ipAddresses, Duration validity)
            throws IssuanceRefusedException {
        if (tlsIssuer == null) {
            throw new IssuanceRefusedException("The root CA's key is not held by this service (imported CA "
                    + "hierarchy): use the service's own TLS certificate (--tls-keystore)");
        }
        return tlsIssuer.issue(publicKey, dnsNames, ipAddresses, validity);
    }

    /** Same as {@link #issueTlsServerCertificate(SubjectPublicKeyInfo, List, List, Duration)} for a JCA key. */
    public X509Certificate issueTlsServerCertificate(
            PublicKey publicKey, List<String> dnsNames, List<String> ipAddresses, Duration validity)
            throws IssuanceRefusedException {
        return issueTlsServerCertificate(
                RsaKeyPolicy.toSubjectPublicKeyInfo(publicKey), dnsNames, ipAddresses, validity);
    }

    /** Same as {@link #issueTlsServerCertificate(SubjectPublicKeyInfo, List, List, Duration)} for a key pair. */
    public X509Certificate issueTlsServerCertificate(
            KeyPair keyPair, List<String> dnsNames, List<String> ipAddresses, Duration validity)
            throws IssuanceRefusedException {
        return issueTlsServerCertificate(keyPair.getPublic(), dnsNames, ipAddresses, validity);
    }

    private Optional<IssuingCa> issuerNamed(X509Certificate certificate) {
        return issuers.values().stream()
                .filter(ca -> ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .findFirst();
    }
}
