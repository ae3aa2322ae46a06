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

/** The renewal API with the wall time of each call recorded, from whichever thread makes it. */
final class TimedRenewalApi implements RenewalApi {

    private final RenewalApi api;
    private final Intervals calls = new Intervals();

    TimedRenewalApi(RenewalApi api) {
        this.api = api;
    }

    /** When the client was waiting for the service (any call). */
    Intervals calls() {
        return calls;
    }

    @Override
    public URI serviceUri() {
        return api.serviceUri();
    }

    @Override
    public RenewalStarted start(StartRenewal request) throws RenewalRefusedException, ServiceUnreachableException {
        return timed(() -> api.start(request));
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return timed(() -> api.submitRequests(renewalId, request));
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return timed(() -> api.confirm(renewalId, statement));
    }

    @Override
    public RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        return timed(() -> api.cancel(renewalId, statement));
    }

    @Override
    public RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException {
        return timed(() -> api.state(renewalId, request));
    }

    @Override
    public void close() {
        api.close();
    }

    /** One call to the service. */
    @FunctionalInterface
    private interface Call<T> {
        T make() throws RenewalRefusedException, ServiceUnreachableException;
    }

    private <T> T timed(Call<T> call) throws RenewalRefusedException, ServiceUnreachableException {
        long begin = System.nanoTime();
        try {
            return call.make();
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }
}
