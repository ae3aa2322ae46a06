package org.selfrenewal.protocol;

/** The renewal API's paths, relative to the server's base URL. */
public final class ApiPaths {
    public static final String BASE = "/api/v1";
    /** POST {@link StartRenewal}: returns {@link RenewalStarted}. */
    public static final String RENEWALS = BASE + "/renewals";
    /** GET: the service is up. */
    public static final String HEALTH = BASE + "/health";

    private ApiPaths() {}

    /** POST {@link CertificateRequests}: returns {@link IssuedCertificates}. */
    public static String certificateRequests(String renewalId) {
        return RENEWALS + "/" + renewalId + "/certificate-requests";
    }

    /** POST {@link CardSignature} made with the NEW authentication key: returns {@link RenewalOutcome}. */
    public static String confirmation(String renewalId) {
        return RENEWALS + "/" + renewalId + "/confirmation";
    }

    /** POST {@link CardSignature} made with the CURRENT authentication key: returns {@link RenewalOutcome}. */
    public static String cancellation(String renewalId) {
        return RENEWALS + "/" + renewalId + "/cancellation";
    }

    /**
     * POST {@link RenewalStateRequest} signed by the card (old or new authentication key): returns {@link
     * RenewalStatus}. Read only; a caller the card does not vouch for learns nothing.
     */
    public static String state(String renewalId) {
        return RENEWALS + "/" + renewalId + "/state";
    }
}
