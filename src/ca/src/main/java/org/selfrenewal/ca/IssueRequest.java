package org.selfrenewal.ca;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * What to put in a smartcard certificate, built fluently; every method returns a new, immutable
 * request:
 *
 * <pre>{@code
 * IssueRequest request = IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
 *         .copySubjectAndAltNamesFrom(oldCertificate)
 *         .publicKey(csr.getSubjectPublicKeyInfo());
 * X509Certificate certificate = hierarchy.issuerFor(request.purpose()).issue(request);
 * }</pre>
 *
 * Only the subject, the subjectAltName, the key and the validity come from the request; all other
 * content is fixed by the {@link CertificateProfile}. Extensions of a CSR are never taken over.
 */
public final class IssueRequest {

    private final CredentialPurpose purpose;
    private final X500Name subject;
    private final Extension subjectAltNames;
    private final SubjectPublicKeyInfo publicKey;
    private final Instant validFrom;
    private final Instant validUntil;

    private IssueRequest(
            CredentialPurpose purpose,
            X500Name subject,
            Extension subjectAltNames,
            SubjectPublicKeyInfo publicKey,
            Instant validFrom,
            Instant validUntil) {
        this.purpose = purpose;
        this.subject = subject;
        this.subjectAltNames = subjectAltNames;
        this.publicKey = publicKey;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    /** Starts a request for a certificate of the given purpose. */
    public static IssueRequest forPurpose(CredentialPurpose purpose) {
        return new IssueRequest(Objects.requireNonNull(purpose, "purpose"), null, null, null, null, null);
    }

    /** The subject distinguished name, encoded as given. */
    public IssueRequest subject(X500Name subject) {
        return new IssueRequest(
                purpose, Objects.requireNonNull(subject, "subject"), subjectAltNames, publicKey, validFrom, validUntil);
    }

    /** The subjectAltName (non-critical), or {@code null} for none. */
    public IssueRequest subjectAltNames(GeneralNames names) {
        Extension extension =
                names == null ? null : CertificateSigner.extension(Extension.subjectAlternativeName, false, names);
        return new IssueRequest(purpose, subject, extension, publicKey, validFrom, validUntil);
    }

    /**
     * Takes the subject name and the subjectAltName extension (with its criticality, byte for byte)
     * from the certificate being renewed, as EST simplereenroll requires. Nothing else is copied.
     * If the template has no subjectAltName, the request has none either.
     */
    public IssueRequest copySubjectAndAltNamesFrom(X509Certificate template) {
        Objects.requireNonNull(template, "template");
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(template.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("The template certificate cannot be encoded", e);
        }
        return new IssueRequest(
                purpose,
                holder.getSubject(),
                holder.getExtension(Extension.subjectAlternativeName),
                publicKey,
                validFrom,
                validUntil);
    }

    /** The public key to certify (checked against {@link RsaKeyPolicy} at issuance). */
    public IssueRequest publicKey(SubjectPublicKeyInfo publicKey) {
        return new IssueRequest(
                purpose,
                subject,
                subjectAltNames,
                Objects.requireNonNull(publicKey, "publicKey"),
                validFrom,
                validUntil);
    }

    /** The public key to certify, as a JCA key. */
    public IssueRequest publicKey(PublicKey publicKey) {
        return publicKey(RsaKeyPolicy.toSubjectPublicKeyInfo(publicKey));
    }

    /**
     * The start of validity (truncated to whole seconds); by default the moment of issuance. May
     * lie in the past, e.g. for a registration authority's test cards.
     */
    public IssueRequest validFrom(Instant validFrom) {
        return new IssueRequest(
                purpose,
                subject,
                subjectAltNames,
                publicKey,
                Objects.requireNonNull(validFrom, "validFrom"),
                validUntil);
    }

    /**
     * An explicit end of validity (truncated to whole seconds) instead of the profile's default of
     * {@link CertificateProfile#DEFAULT_VALIDITY} after {@code validFrom}.
     */
    public IssueRequest validUntil(Instant validUntil) {
        return new IssueRequest(
                purpose,
                subject,
                subjectAltNames,
                publicKey,
                validFrom,
                Objects.requireNonNull(validUntil, "validUntil"));
    }

    public CredentialPurpose purpose() {
        return purpose;
    }

    public Optional<X500Name> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<Extension> subjectAltNames() {
        return Optional.ofNullable(subjectAltNames);
    }

    public Optional<SubjectPublicKeyInfo> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    public Optional<Instant> validFrom() {
        return Optional.ofNullable(validFrom);
    }

    public Optional<Instant> validUntil() {
        return Optional.ofNullable(validUntil);
    }

    @Override
    public String toString() {
        return "IssueRequest[" + purpose + ", subject=" + subject + ", validFrom=" + validFrom + ", validUntil="
                + validUntil + "]";
    }
}
