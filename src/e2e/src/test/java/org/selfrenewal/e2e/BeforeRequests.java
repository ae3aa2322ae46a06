package org.selfrenewal.e2e;

import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.client.ServiceUnreachableException;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.IssuedCertificates;

/**
 * The real service, with something the test does just before the certificate requests are sent: stop the
 * server (a service lost mid-renewal), or wait until the test lets them through (a renewal held mid-way).
 */
final class BeforeRequests extends ForwardingRenewalApi {

    private final Runnable beforeSubmit;

    BeforeRequests(RenewalApi real, Runnable beforeSubmit) {
        super(real);
        this.beforeSubmit = beforeSubmit;
    }

    @Override
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request)
            throws RenewalRefusedException, ServiceUnreachableException {
        beforeSubmit.run();
        return super.submitRequests(renewalId, request);
    }
}
