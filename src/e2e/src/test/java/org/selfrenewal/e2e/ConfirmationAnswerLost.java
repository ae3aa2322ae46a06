package org.selfrenewal.e2e;

import java.net.SocketException;
import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.client.ServiceUnreachableException;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.RenewalOutcome;

/** The real service, whose answers to the confirmation are lost on the way back (the service did confirm). */
final class ConfirmationAnswerLost extends ForwardingRenewalApi {

    ConfirmationAnswerLost(RenewalApi real) {
        super(real);
    }

    @Override
    public RenewalOutcome confirm(String renewalId, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        super.confirm(renewalId, statement);
        throw new ServiceUnreachableException(serviceUri(), new SocketException("answer lost by the test"));
    }
}
