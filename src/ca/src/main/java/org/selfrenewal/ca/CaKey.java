package org.selfrenewal.ca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA's private key, wherever it lives: in memory from a PKCS#12 file (the development hierarchy) or
 * on a PKCS#11 token (an HSM). Signs SHA256withRSA; says where it lives, never what it is.
 */
public abstract class CaKey {

    /** Where the key lives, for {@code ca status} and logs, e.g. "PKCS#12 file data/ca/root-ca.p12". */
    public abstract String location();

    /** Signs {@code data} with SHA256withRSA (PKCS#1 v1.5). */
    abstract byte[] sign(byte[] data) throws GeneralSecurityException;

    /** A key held in this process's memory. */
    static CaKey inMemory(PrivateKey key, String location) {
        return new InMemory(key, location);
    }

    /** A Bouncy Castle content signer (SHA256withRSA) over this key. */
    final ContentSigner contentSigner() {
        AlgorithmIdentifier algorithm =
                new DefaultSignatureAlgorithmIdentifierFinder().find(CertificateSigner.SIGNATURE_ALGORITHM);
        return new ContentSigner() {
            private final ByteArrayOutputStream content = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return content;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return sign(content.toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(
                            "The CA key at " + location() + " did not sign: " + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * Whether this key answers a test signature that verifies with {@code publicKey}: the key is there,
     * usable, and belongs to that public key.
     *
     * @throws GeneralSecurityException if the key does not sign at all (the reason is in the message)
     */
    public final boolean signsFor(PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = ("selfrenewal CA key check " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = sign(probe);
        Signature verifier = Signature.getInstance(CertificateSigner.SIGNATURE_ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    @Override
    public String toString() {
        return "CaKey[" + location() + "]";
    }

    private static final class InMemory extends CaKey {
        private final PrivateKey key;
        private final String location;

        InMemory(PrivateKey key, String location) {
            this.key = Objects.requireNonNull(key, "key");
            this.location = Objects.requireNonNull(location, "location");
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        byte[] sign(byte[] data) throws GeneralSecurityException {
            try {
                ContentSigner signer = new JcaContentSignerBuilder(CertificateSigner.SIGNATURE_ALGORITHM).build(key);
                signer.getOutputStream().write(data);
                return signer.getSignature();
            } catch (OperatorCreationException | IOException e) {
                throw new GeneralSecurityException(e.getMessage(), e);
            }
        }
    }
}
