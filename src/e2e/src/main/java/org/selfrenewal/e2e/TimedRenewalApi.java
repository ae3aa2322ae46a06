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
        long begin = System.nanoTime();
        try {
            return api.start(request);
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        long begin = System.nanoTime();
        try {
            return api.submitRequests(renewalId, request);
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        long begin = System.nanoTime();
        try {
            return api.confirm(renewalId, statement);
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }

    @Override
    public RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        long begin = System.nanoTime();
        try {
            return api.cancel(renewalId, statement);
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }

    @Override
    public RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException {
        long begin = System.nanoTime();
        try {
            return api.state(renewalId, request);
        } finally {
            calls.add(begin, System.nanoTime());
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
