package org.selfrenewal.ca;

import java.security.Provider;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * What a PKCS#10 request must be before this CA reads anything from it: its key passes
 * {@link RsaKeyPolicy}, it is signed with SHA-256 or stronger (RSA PKCS#1 v1.5 or RSASSA-PSS with a
 * matching MGF1 hash), and the signature verifies with the key it contains.
 */
public final class CertificateRequestPolicy {

    private static final Map<ASN1ObjectIdentifier, String> PKCS1_V15 = Map.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA");

    private static final Set<ASN1ObjectIdentifier> PSS_HASHES =
            Set.of(NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private static final Provider BC = new BouncyCastleProvider();

    private CertificateRequestPolicy() {}

    /**
     * @throws UnacceptablePublicKeyException if the key it carries is not acceptable
     * @throws UnacceptableRequestException   if the signature algorithm is too weak or the signature is wrong
     */
    public static void check(PKCS10CertificationRequest request) throws IssuanceRefusedException {
        RsaKeyPolicy.check(request.getSubjectPublicKeyInfo());
        checkSignatureAlgorithm(request.getSignatureAlgorithm());
        boolean valid;
        try {
            // PKCS#1 v1.5 with the JDK's RSA: Bouncy Castle's key factory runs primality tests on every new
            // modulus, which cost as much CPU as the two certificates' signatures (docs/performance.md). PSS, with
            // its parameters, stays with Bouncy Castle.
            boolean pss = PKCSObjectIdentifiers.id_RSASSA_PSS.equals(
                    request.getSignatureAlgorithm().getAlgorithm());
            JcaContentVerifierProviderBuilder verifier = pss
                    ? new JcaContentVerifierProviderBuilder().setProvider(BC)
                    : new JcaContentVerifierProviderBuilder();
            valid = request.isSignatureValid(verifier.build(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new UnacceptableRequestException("The request is not signed by the key it contains");
        }
    }

    static void checkSignatureAlgorithm(AlgorithmIdentifier algorithm) throws UnacceptableRequestException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (PKCS1_V15.containsKey(oid)) {
            return;
        }
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            RSASSAPSSparams params;
            try {
                params = RSASSAPSSparams.getInstance(algorithm.getParameters());
            } catch (RuntimeException e) {
                throw new UnacceptableRequestException("The request's RSASSA-PSS parameters cannot be read");
            }
            ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
            AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
            ASN1ObjectIdentifier mgfHash = PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                    ? AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm()
                    : null;
            if (PSS_HASHES.contains(hash) && hash.equals(mgfHash)) {
                return;
            }
            throw new UnacceptableRequestException("The request is signed with RSASSA-PSS over " + hash.getId()
                    + ": SHA-256 or stronger with MGF1 over the same hash is required");
        }
        throw new UnacceptableRequestException("The request's signature algorithm " + oid.getId()
                + " is not accepted: RSA with SHA-256 or stronger (PKCS#1 v1.5 or PSS) is required");
    }
}
