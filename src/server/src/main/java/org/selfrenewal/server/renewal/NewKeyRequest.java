package org.selfrenewal.server.renewal;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.ca.CertificateRequestPolicy;
import org.selfrenewal.ca.IssuanceRefusedException;

/**
 * A new key the card holder asks the core to certify, with the request that proves the card holds it
 * (today a PKCS#10 request; a CMP front door would add its CRMF form).
 */
public final class NewKeyRequest {

    private final PKCS10CertificationRequest pkcs10;

    private NewKeyRequest(PKCS10CertificationRequest pkcs10) {
        this.pkcs10 = pkcs10;
    }

    public static NewKeyRequest pkcs10(PKCS10CertificationRequest request) {
        return new NewKeyRequest(request);
    }

    public SubjectPublicKeyInfo publicKey() {
        return pkcs10.getSubjectPublicKeyInfo();
    }

    /** The CA's one key and request policy (key size, exponent, ROCA, request signature). */
    void checkPolicy() throws IssuanceRefusedException {
        CertificateRequestPolicy.check(pkcs10);
    }
}
