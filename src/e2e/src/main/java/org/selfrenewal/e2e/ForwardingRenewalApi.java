package org.selfrenewal.e2e;

import java.net.URI;
import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.client.ServiceUnreachableException;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/** The real service, every call passed through: a test's wrapper overrides only the call it changes. */
abstract class ForwardingRenewalApi implements RenewalApi {

    private final RenewalApi real;

    ForwardingRenewalApi(RenewalApi real) {
        this.real = real;
    }

    @Override
    public URI serviceUri() {
        return real.serviceUri();
    }

    @Override
    public RenewalStarted start(StartRenewal request) throws RenewalRefusedException, ServiceUnreachableException {
        return real.start(request);
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return real.submitRequests(renewalId, request);
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return real.confirm(renewalId, statement);
    }

    @Override
    public RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return real.cancel(renewalId, statement);
    }

    @Override
    public RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return real.state(renewalId, request);
    }

    @Override
    public void close() {
        real.close();
    }
}
