package org.selfrenewal.server.api;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.RenewalPhase;
import org.selfrenewal.server.renewal.NewKeyRequest;
import org.selfrenewal.server.renewal.Proof;
import org.selfrenewal.server.renewal.RefusalReason;
import org.selfrenewal.server.renewal.RenewalCore;
import org.selfrenewal.server.renewal.RenewalRefusal;

/**
 * The JSON protocol's side of the renewal core: decodes base64 and DER into certificates, key requests
 * and proofs (the exact bytes each proof signs are {@link SignedMessages}'), calls the core, and encodes
 * its answers. A request that cannot be read is refused (UNREADABLE_REQUEST) and audited; every rule is
 * the core's.
 */
public final class RenewalService {

    private final RenewalCore core;
    private final URI service;

    /**
     * @param service this service's public URL, the identity every proof of possession must name (null:
     *                renewals cannot be proven, for processes that only run RA commands)
     */
    public RenewalService(RenewalCore core, URI service) {
        this.core = core;
        this.service = service;
    }

    public RenewalCore core() {
        return core;
    }

    public RenewalStarted start(StartRenewal request, AuditOrigin origin) {
        X509Certificate authentication = read(
                AuditEventType.RENEWAL_STARTED,
                null,
                origin,
                request.authenticationCertificate(),
                "authentication certificate",
                CertificateCodec::decode);
        X509Certificate signing = read(
                AuditEventType.RENEWAL_STARTED,
                null,
                origin,
                request.signingCertificate(),
                "signing certificate",
                CertificateCodec::decode);
        RenewalCore.Started started = core.start(authentication, signing, origin);
        return new RenewalStarted(started.renewalId(), started.challenge(), started.expiresAt());
    }

    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request, AuditOrigin origin) {
        AuditEventType step = AuditEventType.CERTIFICATES_ISSUED;
        byte[] proof = read(
                step,
                renewalId,
                origin,
                request.proofOfPossession(),
                "proof of possession",
                CertificateCodec::unbase64);
        byte[] authDer = read(
                step,
                renewalId,
                origin,
                request.authenticationCsr(),
                "the authentication certificate request",
                CertificateCodec::unbase64);
        byte[] signDer = read(
                step,
                renewalId,
                origin,
                request.signingCsr(),
                "the signing certificate request",
                CertificateCodec::unbase64);
        NewKeyRequest authentication = csr(step, renewalId, origin, authDer, CredentialPurpose.AUTHENTICATION);
        NewKeyRequest signing = csr(step, renewalId, origin, signDer, CredentialPurpose.SIGNING);
        if (service == null) {
            throw new IllegalStateException("this server has no public URL configured: no proof can be checked");
        }
        Proof possession = (signer, id, challenge) -> verifies(
                signer.getPublicKey(), SignedMessages.possession(service, id, challenge, authDer, signDer), proof);
        RenewalCore.Issued issued = core.requestCertificates(renewalId, possession, authentication, signing, origin);
        return new IssuedCertificates(
                CertificateCodec.encode(issued.authentication()),
                CertificateCodec.encode(issued.signing()),
                encodeAll(issued.authenticationChain()),
                encodeAll(issued.signingChain()));
    }

    public RenewalOutcome confirm(String renewalId, CardSignature statement, AuditOrigin origin) {
        byte[] signature = read(
                AuditEventType.RENEWAL_CONFIRMED,
                renewalId,
                origin,
                statement.signature(),
                "confirmation signature",
                CertificateCodec::unbase64);
        Proof byNewKey = (signer, id, challenge) -> verifies(
                signer.getPublicKey(),
                SignedMessages.confirmation(
                        id, challenge, signer.getSerialNumber().toString(16)),
                signature);
        return new RenewalOutcome(renewalId, wire(core.confirm(renewalId, byNewKey, origin)));
    }

    public RenewalOutcome cancel(String renewalId, CardSignature statement, AuditOrigin origin) {
        byte[] signature = read(
                AuditEventType.RENEWAL_CANCELLED,
                renewalId,
                origin,
                statement.signature(),
                "cancellation signature",
                CertificateCodec::unbase64);
        Proof byCurrentKey = (signer, id, challenge) ->
                verifies(signer.getPublicKey(), SignedMessages.cancellation(id, challenge), signature);
        return new RenewalOutcome(renewalId, wire(core.cancel(renewalId, byCurrentKey, origin)));
    }

    /** How a renewal stands, told only to the card it renews (its old or new authentication key signs). */
    public RenewalStatus state(String renewalId, RenewalStateRequest request, AuditOrigin origin) {
        AuditEventType step = AuditEventType.RENEWAL_STATE_QUERIED;
        X509Certificate presented = read(
                step,
                renewalId,
                origin,
                request.authenticationCertificate(),
                "authentication certificate",
                CertificateCodec::decode);
        byte[] signature = read(
                step, renewalId, origin, request.signature(), "state question signature", CertificateCodec::unbase64);
        if (service == null) {
            throw new IllegalStateException("this server has no public URL configured: no question can be checked");
        }
        Proof byCardKey = (signer, id, challenge) -> {
            try {
                return verifies(
                        signer.getPublicKey(),
                        SignedMessages.stateQuery(service, id, challenge, signer.getEncoded()),
                        signature);
            } catch (CertificateEncodingException e) {
                return false;
            }
        };
        RenewalCore.Standing standing = core.state(renewalId, presented, byCardKey, origin);
        return new RenewalStatus(
                renewalId,
                wire(standing.phase()),
                standing.expired(),
                standing.expiresAt(),
                standing.newAuthentication() == null ? null : CertificateCodec.encode(standing.newAuthentication()),
                standing.newSigning() == null ? null : CertificateCodec.encode(standing.newSigning()));
    }

    /** The server's own renewal states, as the protocol names them. */
    static RenewalState wire(RenewalPhase status) {
        return switch (status) {
            case STARTED -> RenewalState.STARTED;
            case ISSUED -> RenewalState.ISSUED;
            case CONFIRMED -> RenewalState.CONFIRMED;
            case CANCELLED -> RenewalState.CANCELLED;
        };
    }

    private NewKeyRequest csr(
            AuditEventType step, String renewalId, AuditOrigin origin, byte[] der, CredentialPurpose purpose) {
        try {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
            request.getSubjectPublicKeyInfo().getAlgorithm();
            return NewKeyRequest.pkcs10(request);
        } catch (IOException | RuntimeException e) {
            throw unreadable(
                    step,
                    renewalId,
                    origin,
                    "the " + purpose.plainName() + " certificate request could not be read: not a PKCS#10 request");
        }
    }

    private <T> T read(
            AuditEventType step,
            String renewalId,
            AuditOrigin origin,
            String text,
            String what,
            Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw unreadable(step, renewalId, origin, what + " could not be read: " + e.getMessage());
        }
    }

    private RenewalRefusal unreadable(AuditEventType step, String renewalId, AuditOrigin origin, String why) {
        RenewalRefusal refusal = RenewalRefusal.of(RefusalReason.UNREADABLE_REQUEST, why);
        core.refusedAtTheDoor(step, renewalId, refusal.getMessage(), origin);
        return refusal;
    }

    private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SignedMessages.SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> encodeAll(List<X509Certificate> chain) {
        return chain.stream().map(CertificateCodec::encode).toList();
    }
}
