package org.selfrenewal.client;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.selfrenewal.card.TestCa;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/**
 * A renewal service scripted by the test: it answers like the real one (certificates issued by a test CA for
 * the keys in the requests) and refuses or drops the connection at the calls the test names. It records
 * every call, so a test can tell whether a cancellation reached it.
 */
final class ScriptedRenewalApi implements RenewalApi {

    /** The calls a client makes. */
    enum Call {
        START,
        SUBMIT,
        CONFIRM,
        CANCEL
    }

    private final Set<Call> refused = EnumSet.noneOf(Call.class);
    private final Set<Call> unreachable = EnumSet.noneOf(Call.class);
    final List<Call> calls = new ArrayList<>();
    final Instant newNotAfter = Instant.now().plus(Duration.ofDays(730));

    ScriptedRenewalApi refuse(Call call) {
        refused.add(call);
        return this;
    }

    ScriptedRenewalApi dropConnection(Call call) {
        unreachable.add(call);
        return this;
    }

    @Override
    public URI serviceUri() {
        return URI.create("https://scripted.invalid");
    }

    @Override
    public RenewalStarted start(StartRenewal request) throws RenewalRefusedException, ServiceUnreachableException {
        answer(Call.START, ErrorCode.CERTIFICATE_NOT_RECOGNISED);
        return new RenewalStarted("r-1", "Y2hhbGxlbmdl", Instant.now().plus(Duration.ofMinutes(10)));
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        answer(Call.SUBMIT, ErrorCode.KEY_NOT_ACCEPTED);
        return new IssuedCertificates(
                issue(request.authenticationCsr(), CredentialPurpose.AUTHENTICATION),
                issue(request.signingCsr(), CredentialPurpose.SIGNING),
                List.of(),
                List.of());
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        answer(Call.CONFIRM, ErrorCode.CONFIRMATION_FAILED);
        return new RenewalOutcome(renewalId, RenewalState.CONFIRMED);
    }

    @Override
    public RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        answer(Call.CANCEL, ErrorCode.RENEWAL_NOT_OPEN);
        return new RenewalOutcome(renewalId, RenewalState.CANCELLED);
    }

    @Override
    public RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException {
        throw new ServiceUnreachableException(serviceUri(), new ConnectException("no state in this script"));
    }

    @Override
    public void close() {}

    private void answer(Call call, ErrorCode refusal) throws RenewalRefusedException, ServiceUnreachableException {
        calls.add(call);
        if (refused.contains(call)) {
            throw new RenewalRefusedException(ErrorResponse.of(refusal));
        }
        if (unreachable.contains(call)) {
            throw new ServiceUnreachableException(serviceUri(), new ConnectException("dropped by the test"));
        }
    }

    private String issue(String csrBase64, CredentialPurpose purpose) {
        try {
            JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(
                    new PKCS10CertificationRequest(CertificateCodec.unbase64(csrBase64)));
            X500Name subject = csr.getSubject();
            return CertificateCodec.encode(TestCa.issue(csr.getPublicKey(), subject, purpose, newNotAfter));
        } catch (Exception e) {
            throw new IllegalStateException("the test CA could not issue", e);
        }
    }
}
