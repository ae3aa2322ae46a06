package org.selfrenewal.ca;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * What a smartcard certificate of one purpose contains, fixed by the CA whatever the request says.
 *
 * <ul>
 *   <li>Both: BasicConstraints CA:false (critical), KeyUsage (critical), SubjectKeyIdentifier,
 *       AuthorityKeyIdentifier, certificatePolicies with a development policy OID, and a default
 *       validity of two years like NHS smartcard certificates.</li>
 *   <li>{@link CredentialPurpose#AUTHENTICATION}: digitalSignature + keyEncipherment, EKU
 *       clientAuth.</li>
 *   <li>{@link CredentialPurpose#SIGNING}: digitalSignature + nonRepudiation, EKU documentSigning
 *       (RFC 9336, 1.3.6.1.5.5.7.3.36). Without an EKU the signing certificate would be accepted
 *       for TLS client authentication too (its key usage allows digitalSignature), so the signing
 *       key could be used to log in; the EKU keeps the two credentials apart.</li>
 * </ul>
 */
public final class CertificateProfile {

    /** Validity of a smartcard certificate unless the request gives an explicit end. */
    public static final Period DEFAULT_VALIDITY = Period.ofYears(2);

    /**
     * Arc of the development certificate policies, a UUID-derived OID (ITU-T X.667, "2.25.")
     * that needs no registration. Not an NHS policy.
     */
    public static final ASN1ObjectIdentifier DEVELOPMENT_POLICY_ARC =
            new ASN1ObjectIdentifier("2.25.252020173105213168739770944325420530365");

    /** id-kp-documentSigning, RFC 9336. */
    public static final KeyPurposeId DOCUMENT_SIGNING =
            KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"));

    private static final CertificateProfile AUTHENTICATION = new CertificateProfile(
            CredentialPurpose.AUTHENTICATION,
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
            KeyPurposeId.id_kp_clientAuth,
            DEVELOPMENT_POLICY_ARC.branch("1"));

    private static final CertificateProfile SIGNING = new CertificateProfile(
            CredentialPurpose.SIGNING,
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
            DOCUMENT_SIGNING,
            DEVELOPMENT_POLICY_ARC.branch("2"));

    private final CredentialPurpose purpose;
    private final int keyUsageBits;
    private final KeyPurposeId extendedKeyUsage;
    private final ASN1ObjectIdentifier certificatePolicy;

    private CertificateProfile(
            CredentialPurpose purpose,
            int keyUsageBits,
            KeyPurposeId extendedKeyUsage,
            ASN1ObjectIdentifier certificatePolicy) {
        this.purpose = purpose;
        this.keyUsageBits = keyUsageBits;
        this.extendedKeyUsage = extendedKeyUsage;
        this.certificatePolicy = certificatePolicy;
    }

    /** The profile for a purpose. */
    public static CertificateProfile forPurpose(CredentialPurpose purpose) {
        switch (Objects.requireNonNull(purpose, "purpose")) {
            case AUTHENTICATION:
                return AUTHENTICATION;
            case SIGNING:
                return SIGNING;
            default:
                throw new IllegalArgumentException("No certificate profile for " + purpose);
        }
    }

    public CredentialPurpose purpose() {
        return purpose;
    }

    /** The key usage bits, always marked critical. */
    public KeyUsage keyUsage() {
        return new KeyUsage(keyUsageBits);
    }

    /** The single extended key usage. */
    public KeyPurposeId extendedKeyUsage() {
        return extendedKeyUsage;
    }

    /** The development certificate policy OID for this purpose. */
    public ASN1ObjectIdentifier certificatePolicy() {
        return certificatePolicy;
    }

    /** How long a certificate is valid unless the request says otherwise. */
    public Period validity() {
        return DEFAULT_VALIDITY;
    }

    /** The default notAfter for a certificate valid from {@code validFrom} (calendar years, UTC). */
    public Instant defaultNotAfter(Instant validFrom) {
        return validFrom.atOffset(ZoneOffset.UTC).plus(validity()).toInstant();
    }

    @Override
    public String toString() {
        return "CertificateProfile[" + purpose + "]";
    }
}
