package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;

/**
 * A front door's signed statement about one renewal, verified by the core with the certificate the core
 * chooses (the current authentication certificate for possession and cancellation, the new one for
 * confirmation): the core never trusts a front door's word that a proof is good.
 */
@FunctionalInterface
public interface Proof {

    /** Whether the private key of {@code signer} made this proof for this renewal and challenge. */
    boolean madeBy(X509Certificate signer, String renewalId, String challenge);
}
