package org.selfrenewal.ca;

import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The key rules for an HTTPS server certificate: an ECDSA key on P-256 (secp256r1), which signs each TLS
 * handshake at a fraction of an RSA-2048 signature's cost, or an RSA key under {@link RsaKeyPolicy}.
 * Smartcard certificates stay RSA only.
 */
final class TlsServerKeyPolicy {

    private TlsServerKeyPolicy() {}

    /** Whether the key is an EC key (then on P-256, checked by {@link #check}). */
    static boolean isEc(SubjectPublicKeyInfo publicKey) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(
                publicKey.getAlgorithm().getAlgorithm());
    }

    static void check(SubjectPublicKeyInfo publicKey) throws UnacceptablePublicKeyException {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!isEc(publicKey)) {
            RsaKeyPolicy.check(publicKey);
            return;
        }
        var parameters = publicKey.getAlgorithm().getParameters();
        if (!(parameters instanceof ASN1ObjectIdentifier curve) || !SECObjectIdentifiers.secp256r1.equals(curve)) {
            throw new UnacceptablePublicKeyException(
                    "An EC key for a TLS server certificate must be on the named curve P-256 (secp256r1)");
        }
        try {
            // decodePoint refuses a point that is not on the curve (or is infinity)
            CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1)
                    .getCurve()
                    .decodePoint(publicKey.getPublicKeyData().getOctets());
        } catch (IllegalArgumentException e) {
            throw new UnacceptablePublicKeyException("The EC public key is not a point on P-256", e);
        }
    }
}
