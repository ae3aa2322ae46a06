package org.selfrenewal.client;

import java.net.URI;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.StartRenewal;

/**
 * The renewal service's four steps and the state question as the card holder's machine calls them. {@link RenewalApiClient} is the
 * real one over HTTPS; tests script failures at any step with another implementation.
 */
public interface RenewalApi extends AutoCloseable {

    /** The service's address, as the card holder's application was told it. */
    URI serviceUri();

    RenewalStarted start(StartRenewal request) throws RenewalRefusedException, ServiceUnreachableException;

    IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException;

    RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException;

    RenewalOutcome cancel(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException;

    /** How a renewal stands, asked with a signature by the card (after an interrupted run). */
    RenewalStatus state(String renewalId, RenewalStateRequest request)
            throws RenewalRefusedException, ServiceUnreachableException;

    @Override
    void close();
}
