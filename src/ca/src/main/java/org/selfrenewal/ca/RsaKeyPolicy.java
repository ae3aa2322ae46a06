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
 * The keys this CA certifies: RSA ({@code rsaEncryption}) with a modulus of at least 2048 bits, as
 * on NHS smartcards. Everything else is refused with an {@link UnacceptablePublicKeyException}.
 */
public final class RsaKeyPolicy {

    /** Shortest RSA modulus accepted. */
    public static final int MINIMUM_MODULUS_BITS = 2048;

    /** Longest RSA modulus accepted (a sanity bound, far above what cards generate). */
    public static final int MAXIMUM_MODULUS_BITS = 16384;

    private static final Map<ASN1ObjectIdentifier, String> KNOWN_OTHER_ALGORITHMS = Map.of(
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");

    private RsaKeyPolicy() {
    }

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
            throw new UnacceptablePublicKeyException("RSA key of " + bits
                    + " bits is too weak: at least " + MINIMUM_MODULUS_BITS + " bits are required");
        }
        if (bits > MAXIMUM_MODULUS_BITS) {
            throw new UnacceptablePublicKeyException("RSA key of " + bits
                    + " bits is longer than the maximum of " + MAXIMUM_MODULUS_BITS + " bits");
        }
        BigInteger exponent = rsa.getPublicExponent();
        if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)) {
            throw new UnacceptablePublicKeyException("RSA public exponent " + exponent
                    + " is invalid: it must be odd and at least 3");
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
            throw new IllegalArgumentException("The public key has no X.509 encoding ("
                    + publicKey.getAlgorithm() + ", format " + publicKey.getFormat() + ")");
        }
        return SubjectPublicKeyInfo.getInstance(encoded);
    }

    private static String describe(ASN1ObjectIdentifier algorithm) {
        String name = KNOWN_OTHER_ALGORITHMS.get(algorithm);
        return name != null ? name + " (" + algorithm.getId() + ")" : algorithm.getId();
    }
}
