package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CA's one key policy: each refusal a named case. */
class KeyPolicyTest {

    private static final Provider BC = new BouncyCastleProvider();

    private static KeyPair rsa(int bits, BigInteger exponent) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, exponent));
        return generator.generateKeyPair();
    }

    private static PKCS10CertificationRequest csr(KeyPair key, JcaContentSignerBuilder signer) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Test"), key.getPublic())
                .build(signer.build(key.getPrivate()));
    }

    @Test
    @DisplayName("ok: RSA-2048 and RSA-4096 with exponent 65537")
    void acceptsCardKeys() throws Exception {
        assertEquals(2048, RsaKeyPolicy.check(TestCertificates.rsa2048("policy").getPublic()));
        assertEquals(
                4096, RsaKeyPolicy.check(rsa(4096, RSAKeyGenParameterSpec.F4).getPublic()));
    }

    @Test
    @DisplayName("fail/exponent-3: RSA with public exponent 3 is refused")
    void refusesExponentThree() throws Exception {
        UnacceptablePublicKeyException e = assertThrows(
                UnacceptablePublicKeyException.class,
                () -> RsaKeyPolicy.check(rsa(2048, RSAKeyGenParameterSpec.F0).getPublic()));
        assertTrue(e.getMessage().contains("exponent 3"), e.getMessage());
    }

    @Test
    @DisplayName("fail/too-long: RSA-8192 is refused")
    void refusesTooLong() throws Exception {
        BigInteger modulus =
                new BigInteger(8192, new SecureRandom()).setBit(8191).setBit(0);
        PublicKey big =
                KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, RSAKeyGenParameterSpec.F4));
        assertThrows(UnacceptablePublicKeyException.class, () -> RsaKeyPolicy.check(big));
    }

    @Test
    @DisplayName("fail/roca: a modulus with the ROCA fingerprint is refused; random moduli are not flagged")
    void refusesRoca() throws Exception {
        KeyPair weak = RocaKeys.weak(2048);
        assertTrue(RocaFingerprint.matches(((RSAPublicKey) weak.getPublic()).getModulus()));
        UnacceptablePublicKeyException e =
                assertThrows(UnacceptablePublicKeyException.class, () -> RsaKeyPolicy.check(weak.getPublic()));
        assertTrue(e.getMessage().contains("ROCA"), e.getMessage());
        for (int i = 0; i < 5; i++) {
            assertFalse(RocaFingerprint.matches(
                    ((RSAPublicKey) rsa(2048, RSAKeyGenParameterSpec.F4).getPublic()).getModulus()));
        }
    }

    @Test
    @DisplayName("fail/ec: an EC key gets the unacceptable-key refusal, also inside a request")
    void refusesEc() throws Exception {
        KeyPair ec = TestCertificates.keyPair("EC", 256, "ec");
        assertThrows(UnacceptablePublicKeyException.class, () -> RsaKeyPolicy.check(ec.getPublic()));
        assertThrows(
                UnacceptablePublicKeyException.class,
                () -> CertificateRequestPolicy.check(csr(ec, new JcaContentSignerBuilder("SHA256withECDSA"))));
    }

    @Test
    @DisplayName("ok: requests signed SHA256/384/512withRSA or RSASSA-PSS over SHA-256")
    void acceptsStrongRequestSignatures() throws Exception {
        KeyPair key = TestCertificates.rsa2048("policy");
        for (String algorithm : new String[] {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"}) {
            assertDoesNotThrow(
                    () -> CertificateRequestPolicy.check(csr(key, new JcaContentSignerBuilder(algorithm))), algorithm);
        }
        assertDoesNotThrow(() -> CertificateRequestPolicy.check(csr(
                key,
                new JcaContentSignerBuilder(
                                "RSASSA-PSS", new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1))
                        .setProvider(BC))));
    }

    @Test
    @DisplayName("fail/sha1-request: requests signed SHA1withRSA or PSS over SHA-1 are refused")
    void refusesSha1Requests() throws Exception {
        KeyPair key = TestCertificates.rsa2048("policy");
        assertThrows(
                UnacceptableRequestException.class,
                () -> CertificateRequestPolicy.check(csr(key, new JcaContentSignerBuilder("SHA1withRSA"))));
        assertThrows(
                UnacceptableRequestException.class,
                () -> CertificateRequestPolicy.check(csr(
                        key,
                        new JcaContentSignerBuilder(
                                        "RSASSA-PSS",
                                        new PSSParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, 20, 1))
                                .setProvider(BC))));
    }

    @Test
    @DisplayName("fail/csr-signature: a request signed by another key is refused")
    void refusesForeignSignature() throws Exception {
        KeyPair key = TestCertificates.rsa2048("policy");
        KeyPair other = TestCertificates.rsa2048("other");
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=Test"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(other.getPrivate()));
        assertThrows(UnacceptableRequestException.class, () -> CertificateRequestPolicy.check(forged));
    }
}
