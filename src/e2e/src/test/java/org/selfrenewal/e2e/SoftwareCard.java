package org.selfrenewal.e2e;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.ra.RegistrationAuthority;

/**
 * A card whose keys live in software, registered through the real RA: lets API tests craft what a
 * genuine client never would (forged proofs, mismatched requests) while everything on the server is real.
 */
final class SoftwareCard {

    final long cardId;
    final KeyPair authenticationKey;
    final KeyPair signingKey;
    final X509Certificate authentication;
    final X509Certificate signing;

    private SoftwareCard(
            long cardId,
            KeyPair authenticationKey,
            KeyPair signingKey,
            X509Certificate authentication,
            X509Certificate signing) {
        this.cardId = cardId;
        this.authenticationKey = authenticationKey;
        this.signingKey = signingKey;
        this.authentication = authentication;
        this.signing = signing;
    }

    static SoftwareCard issue(InProcessServer server, Instant notAfter) throws Exception {
        return issue(server.context.registrationAuthority(), notAfter);
    }

    /** A card registered by {@code ra} (for example of a server process's database). */
    static SoftwareCard issue(RegistrationAuthority ra, Instant notAfter) throws Exception {
        KeyPair auth = rsa(2048);
        KeyPair sign = rsa(2048);
        RegistrationAuthority.RegisteredCard card = ra.registerCard(
                new RegistrationAuthority.CardHolder("Sam Software", "100200300400"),
                "software",
                Map.of(CredentialPurpose.AUTHENTICATION, auth.getPublic(), CredentialPurpose.SIGNING, sign.getPublic()),
                notAfter);
        return new SoftwareCard(
                card.cardId(),
                auth,
                sign,
                card.certificate(CredentialPurpose.AUTHENTICATION),
                card.certificate(CredentialPurpose.SIGNING));
    }

    StartRenewal startRequest() {
        return new StartRenewal(CertificateCodec.encode(authentication), CertificateCodec.encode(signing));
    }

    /** The proof a genuine client sends: over this service, the renewal, its challenge and both requests. */
    String proofOfPossession(
            URI service, String renewalId, String challenge, String authenticationCsr, String signingCsr)
            throws GeneralSecurityException {
        return sign(
                authenticationKey.getPrivate(),
                SignedMessages.possession(
                        service,
                        renewalId,
                        challenge,
                        CertificateCodec.unbase64(authenticationCsr),
                        CertificateCodec.unbase64(signingCsr)));
    }

    /** Genuine requests for two key pairs, with a proof over them for {@code service}. */
    CertificateRequests requests(
            URI service, String renewalId, String challenge, KeyPair newAuthentication, KeyPair newSigning)
            throws Exception {
        String authCsr = csr(newAuthentication.getPublic(), newAuthentication.getPrivate(), authentication);
        String signCsr = csr(newSigning.getPublic(), newSigning.getPrivate(), signing);
        return new CertificateRequests(
                proofOfPossession(service, renewalId, challenge, authCsr, signCsr), authCsr, signCsr);
    }

    static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** A PKCS#10 request for {@code subjectKey}, signed by {@code signer} (normally the same key). */
    static String csr(PublicKey subjectKey, PrivateKey signer, X509Certificate template) throws Exception {
        return CertificateCodec.base64(new JcaPKCS10CertificationRequestBuilder(
                        X500Name.getInstance(template.getSubjectX500Principal().getEncoded()), subjectKey)
                .build(new JcaContentSignerBuilder(SignedMessages.SIGNATURE_ALGORITHM).build(signer))
                .getEncoded());
    }

    static String sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(SignedMessages.SIGNATURE_ALGORITHM);
        signature.initSign(key);
        signature.update(message);
        return CertificateCodec.base64(signature.sign());
    }
}
