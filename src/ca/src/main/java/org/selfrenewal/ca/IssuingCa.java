package org.selfrenewal.ca;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuing CA: issues the smartcard certificates of one {@link CredentialPurpose} under its
 * {@link CertificateProfile}. Thread-safe.
 */
public final class IssuingCa {

    private static final Logger LOG = LoggerFactory.getLogger(IssuingCa.class);

    private final CredentialPurpose purpose;
    private final CertificateProfile profile;
    private final X509Certificate certificate;
    private final List<X509Certificate> chain;
    private final CaKey key;
    private final CertificateSigner signer;
    private final Clock clock;
    private final RevocationPublisher revocation;
    private volatile RevocationLocations locations;

    /** Where relying parties find this CA's CRL and OCSP responder; named in every certificate it issues. */
    public record RevocationLocations(URI crl, URI ocsp) {}

    IssuingCa(CredentialPurpose purpose, List<X509Certificate> chain, CaKey key, SecureRandom random, Clock clock) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.profile = CertificateProfile.forPurpose(purpose);
        this.chain = List.copyOf(chain);
        if (this.chain.size() < 2) {
            throw new IllegalArgumentException("An issuing CA's chain holds its own certificate and the root's");
        }
        this.certificate = this.chain.get(0);
        this.key = Objects.requireNonNull(key, "key");
        this.signer = CertificateSigner.forIssuer(certificate, key, random);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.revocation = new RevocationPublisher(certificate, key);
    }

    /** This CA's private key (where it lives; whether it answers). */
    public CaKey key() {
        return key;
    }

    /** This CA's CRL and OCSP signer. */
    public RevocationPublisher revocation() {
        return revocation;
    }

    /**
     * From now on, certificates issued name {@code locations.crl()} as their CRL distribution point and
     * {@code locations.ocsp()} as their OCSP responder (AIA). Set once when the service starts.
     */
    public void publishRevocationAt(RevocationLocations where) {
        this.locations = Objects.requireNonNull(where, "where");
    }

    public Optional<RevocationLocations> revocationLocations() {
        return Optional.ofNullable(locations);
    }

    public CredentialPurpose purpose() {
        return purpose;
    }

    /** This issuing CA's own certificate. */
    @SuppressFBWarnings(
            value = "EI_EXPOSE_REP",
            justification = "an X509Certificate cannot be changed through its public API")
    public X509Certificate certificate() {
        return certificate;
    }

    /** The chain above an issued certificate: this CA's certificate, any intermediates, then the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * Issues a certificate.
     *
     * @throws UnacceptablePublicKeyException if the key is not RSA of at least 2048 bits
     * @throws IssuanceRefusedException       if the validity is empty or not inside this CA's own
     *                                        validity, or the certificate would name nobody
     * @throws IllegalArgumentException       if the request is for another purpose
     * @throws IllegalStateException          if the request lacks the subject or the public key
     */
    public X509Certificate issue(IssueRequest request) throws IssuanceRefusedException {
        Objects.requireNonNull(request, "request");
        if (request.purpose() != purpose) {
            throw new IllegalArgumentException("The " + purpose.plainName() + " CA cannot issue a "
                    + request.purpose().plainName() + " certificate");
        }
        X500Name subject = request.subject()
                .orElseThrow(() -> new IllegalStateException(
                        "The request has no subject: call subject(...) or copySubjectAndAltNamesFrom(...)"));
        SubjectPublicKeyInfo publicKey = request.publicKey()
                .orElseThrow(() -> new IllegalStateException("The request has no public key: call publicKey(...)"));
        if (subject.getRDNs().length == 0 && request.subjectAltNames().isEmpty()) {
            throw new IssuanceRefusedException(
                    "The certificate would have neither a subject name nor a subjectAltName");
        }
        RsaKeyPolicy.check(publicKey);

        Instant notBefore = request.validFrom().orElseGet(clock::instant).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = request.validUntil()
                .orElseGet(() -> profile.defaultNotAfter(notBefore))
                .truncatedTo(ChronoUnit.SECONDS);
        checkValidity(notBefore, notAfter);

        List<Extension> extensions = new ArrayList<>();
        extensions.add(CertificateSigner.extension(Extension.basicConstraints, true, new BasicConstraints(false)));
        extensions.add(CertificateSigner.extension(Extension.keyUsage, true, profile.keyUsage()));
        extensions.add(CertificateSigner.extension(
                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(profile.extendedKeyUsage())));
        extensions.add(CertificateSigner.extension(
                Extension.certificatePolicies,
                false,
                new CertificatePolicies(new PolicyInformation(profile.certificatePolicy()))));
        RevocationLocations where = locations;
        if (where != null) {
            extensions.add(CertificateSigner.extension(
                    Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(
                                new DistributionPointName(new GeneralNames(new GeneralName(
                                        GeneralName.uniformResourceIdentifier,
                                        where.crl().toString()))),
                                null,
                                null)
                    })));
            extensions.add(CertificateSigner.extension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(
                            X509ObjectIdentifiers.id_ad_ocsp,
                            new GeneralName(
                                    GeneralName.uniformResourceIdentifier,
                                    where.ocsp().toString()))));
        }
        request.subjectAltNames()
                .ifPresent(san -> extensions.add(
                        subject.getRDNs().length == 0 && !san.isCritical()
                                // RFC 5280 4.2.1.6: with an empty subject the subjectAltName must be critical
                                ? new Extension(Extension.subjectAlternativeName, true, san.getExtnValue())
                                : san));

        long started = System.nanoTime();
        X509Certificate issued = signer.sign(subject, publicKey, notBefore, notAfter, extensions);
        LOG.info(
                "Issued {} certificate serial {} for '{}', valid {} to {} ({} ms)",
                purpose.plainName(),
                issued.getSerialNumber().toString(16),
                subject,
                notBefore,
                notAfter,
                (System.nanoTime() - started) / 1_000_000);
        return issued;
    }

    /**
     * Whether this CA signed the certificate: the certificate's issuer name is this CA's subject and
     * its signature verifies with this CA's public key. Validity dates are not checked.
     */
    public boolean issued(X509Certificate candidate) {
        if (!certificate.getSubjectX500Principal().equals(candidate.getIssuerX500Principal())) {
            return false;
        }
        try {
            candidate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void checkValidity(Instant notBefore, Instant notAfter) throws IssuanceRefusedException {
        if (!notAfter.isAfter(notBefore)) {
            throw new IssuanceRefusedException(
                    "The validity period is empty: valid until " + notAfter + " is not after valid from " + notBefore);
        }
        Instant caNotBefore = certificate.getNotBefore().toInstant();
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notBefore.isBefore(caNotBefore)) {
            throw new IssuanceRefusedException("Valid from " + notBefore + " is before the " + purpose.plainName()
                    + " CA's own validity starts (" + caNotBefore + ")");
        }
        if (notAfter.isAfter(caNotAfter)) {
            throw new IssuanceRefusedException("Valid until " + notAfter + " is after the " + purpose.plainName()
                    + " CA's own validity ends (" + caNotAfter + ")");
        }
    }

    @Override
    public String toString() {
        return "IssuingCa[" + purpose + ", "
                + certificate.getSubjectX500Principal().getName() + "]";
    }
}
