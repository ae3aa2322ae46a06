package org.selfrenewal.card;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Objects;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * A key pair generated on the card that has no certificate yet. The private key never leaves the
 * card; this object only holds a handle to it, valid while the {@link Card} that made it is open.
 */
public final class GeneratedKeyPair implements CardKey {

    private final String id;
    private final String label;
    private final CredentialPurpose purpose;
    private final PublicKey publicKey;
    private final PrivateKey privateKeyHandle;
    private final Provider provider;

    GeneratedKeyPair(
            String id,
            String label,
            CredentialPurpose purpose,
            PublicKey publicKey,
            PrivateKey privateKeyHandle,
            Provider provider) {
        this.id = Objects.requireNonNull(id);
        this.label = Objects.requireNonNull(label);
        this.purpose = Objects.requireNonNull(purpose);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.privateKeyHandle = Objects.requireNonNull(privateKeyHandle);
        this.provider = Objects.requireNonNull(provider);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    /** What the pair will be used for once certified. */
    public CredentialPurpose purpose() {
        return purpose;
    }

    /** The RSA public key (2048 bits). */
    public PublicKey publicKey() {
        return publicKey;
    }

    PrivateKey privateKeyHandle() {
        return privateKeyHandle;
    }

    /** The SunPKCS11 provider instance the key was generated with; signing must use it. */
    Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "new " + purpose.plainName() + " key pair " + id + " '" + label + "'";
    }
}
