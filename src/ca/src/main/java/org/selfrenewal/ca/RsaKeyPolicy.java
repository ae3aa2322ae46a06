package org.selfrenewal.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The one key policy of this CA, applied by every issuing path (RA, renewal, TLS): RSA
 * ({@code rsaEncryption}) with a modulus of 2048 to 4096 bits, public exponent 65537, and no ROCA
 * fingerprint ({@link RocaFingerprint}). Everything else, of any algorithm, is refused with an
 * {@link UnacceptablePublicKeyException}. (Whether a key was certified before is the server's
 * record, checked there.)
 */
public final class RsaKeyPolicy {

    /** Shortest RSA modulus accepted. */
    public static final int MINIMUM_MODULUS_BITS = 2048;

    /** Longest RSA modulus accepted (cards make 2048; 4096 is the most any card or HSM uses). */
    public static final int MAXIMUM_MODULUS_BITS = 4096;

    /** The only public exponent accepted (F4): small exponents such as 3 are refused. */
    public static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);

    private static final Map<ASN1ObjectIdentifier, String> KNOWN_OTHER_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");

    private RsaKeyPolicy() {}

    /**
     * Checks a public key and returns its modulus length in bits.
     *
     * @throws UnacceptablePublicKeyException if the key is not RSA, too short, too long or malformed
     */
    public static int check(SubjectPublicKeyInfo publicKey) throws UnacceptablePublicKeyException {
        Objects.requireNonNull(publicKey, "publicKey");
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            throw new UnacceptablePublicKeyException(
                    "Only RSA public keys are accepted; this key's algorithm is " + describe(algorithm));
        }
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(publicKey.parsePublicKey());
        } catch (IOException | IllegalArgumentException e) {
            throw new UnacceptablePublicKeyException("The RSA public key is malformed", e);
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MINIMUM_MODULUS_BITS) {
            throw new UnacceptablePublicKeyException("RSA key of " + bits + " bits is too weak: at least "
                    + MINIMUM_MODULUS_BITS + " bits are required");
        }
        if (bits > MAXIMUM_MODULUS_BITS) {
            throw new UnacceptablePublicKeyException(
                    "RSA key of " + bits + " bits is longer than the maximum of " + MAXIMUM_MODULUS_BITS + " bits");
        }
        BigInteger exponent = rsa.getPublicExponent();
        if (!PUBLIC_EXPONENT.equals(exponent)) {
            throw new UnacceptablePublicKeyException(
                    "RSA public exponent " + exponent + " is not accepted: it must be " + PUBLIC_EXPONENT);
        }
        if (!rsa.getModulus().testBit(0)) {
            throw new UnacceptablePublicKeyException("The RSA modulus is even");
        }
        if (RocaFingerprint.matches(rsa.getModulus())) {
            throw new UnacceptablePublicKeyException("The RSA key has the ROCA fingerprint (CVE-2017-15361): it was "
                    + "made by a vulnerable key generator and its private key can be computed");
        }
        return bits;
    }

    /** Same as {@link #check(SubjectPublicKeyInfo)} for a JCA key. */
    public static int check(PublicKey publicKey) throws UnacceptablePublicKeyException {
        return check(toSubjectPublicKeyInfo(publicKey));
    }

    static SubjectPublicKeyInfo toSubjectPublicKeyInfo(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        byte[] encoded = publicKey.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException("The public key has no X.509 encoding (" + publicKey.getAlgorithm()
                    + ", format " + publicKey.getFormat() + ")");
        }
        return SubjectPublicKeyInfo.getInstance(encoded);
    }

    private static String describe(ASN1ObjectIdentifier algorithm) {
        String name = KNOWN_OTHER_ALGORITHMS.get(algorithm);
        return name != null ? name + " (" + algorithm.getId() + ")" : algorithm.getId();
    }
}
