package org.selfrenewal.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One issuing CA's published revocation: its CRL and its OCSP answers, both signed by the issuing CA
 * itself (Bouncy Castle's CRL and OCSP builders). What is revoked is the caller's record.
 */
public final class RevocationPublisher {

    /** A revoked certificate: its serial, when, and its RFC 5280 CRLReason code. */
    public record Revoked(BigInteger serial, Instant revokedAt, int reason) {}

    /** What the record says about one serial number of this issuer. */
    public sealed interface Status permits Good, RevokedStatusOf, Unknown {}

    public record Good() implements Status {}

    public record RevokedStatusOf(Instant revokedAt, int reason) implements Status {}

    public record Unknown() implements Status {}

    private final X509Certificate issuer;
    private final CaKey issuerKey;

    RevocationPublisher(X509Certificate issuer, CaKey issuerKey) {
        this.issuer = issuer;
        this.issuerKey = issuerKey;
    }

    /** A CRL (v2, CRLNumber, AuthorityKeyIdentifier) listing {@code revoked}, valid until {@code nextUpdate}. */
    public X509CRL crl(List<Revoked> revoked, Instant thisUpdate, Instant nextUpdate, BigInteger crlNumber) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(CertificateSigner.subjectOf(issuer), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (Revoked entry : revoked) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason());
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new AuthorityKeyIdentifier(CertificateSigner.keyIdentifierOf(issuer)));
            X509CRLHolder holder = builder.build(signer());
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (IOException | CRLException e) {
            throw new IllegalStateException("Could not build the CRL of " + issuer.getSubjectX500Principal(), e);
        }
    }

    /**
     * Answers an OCSP request: for each certificate asked about (by this issuer's name and key hash) its
     * status from {@code lookup}; certificates of another issuer are UNKNOWN. The nonce is echoed.
     */
    public OCSPResp ocsp(OCSPReq request, Function<BigInteger, Status> lookup, Instant now) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(issuerHolder.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (Req one : request.getRequestList()) {
                CertificateID id = one.getCertID();
                CertificateStatus status;
                if (!id.matchesIssuer(issuerHolder, digests)) {
                    status = new UnknownStatus();
                } else {
                    Status known = lookup.apply(id.getSerialNumber());
                    if (known instanceof Good) {
                        status = CertificateStatus.GOOD;
                    } else if (known instanceof RevokedStatusOf revoked) {
                        status = new RevokedStatus(new RevokedInfo(
                                new ASN1GeneralizedTime(
                                        Date.from(revoked.revokedAt().truncatedTo(ChronoUnit.SECONDS))),
                                CRLReason.lookup(revoked.reason())));
                    } else {
                        status = new UnknownStatus();
                    }
                }
                builder.addResponse(id, status, Date.from(now), Date.from(now.plusSeconds(3600)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(signer(), new X509CertificateHolder[] {issuerHolder}, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("Could not answer an OCSP request", e);
        }
    }

    /** An answer to a request that could not be read. */
    public static OCSPResp malformed() {
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null);
        } catch (OCSPException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContentSigner signer() {
        return issuerKey.contentSigner();
    }
}
