package org.selfrenewal.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.x500.X500Name;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.SignedMessages;
import org.slf4j.LoggerFactory;

/**
 * What a renewal does after the card's key generation that needs no card: in a freshly started client JVM its
 * first run loads and prepares classes (certificate parsing, the requests' names, the JSON of the next messages,
 * the signed message's digest). Done once on a thread of its own while the card generates its keys (seconds on a
 * real card), on copies of data the renewal already has, so the steps after the keys find it ready (issue 10).
 * Changes nothing and sends nothing.
 */
final class AheadOfTheCard {

    private AheadOfTheCard() {}

    /** Starts the preparation for {@code current} (returns at once). */
    static void prepare(CurrentCredentials current, URI service) {
        Thread preparing = new Thread(() -> run(current, service), "ahead-of-the-card");
        preparing.setDaemon(true);
        preparing.setPriority(Thread.MIN_PRIORITY);
        preparing.start();
    }

    private static void run(CurrentCredentials current, URI service) {
        try {
            byte[] der = current.authentication().certificate().getEncoded();
            CertificateCodec.decode(CertificateCodec.base64(der));
            X500Name.getInstance(current.authentication()
                    .certificate()
                    .getSubjectX500Principal()
                    .getEncoded());
            SignedMessages.possession(service, "renewal", "challenge", der, der);
            RenewalApiJson.write(new CertificateRequests("proof", "request", "request"));
            RenewalApiJson.read(
                    ("{\"authenticationCertificate\":\"a\",\"signingCertificate\":\"s\",\"authenticationChain\":[],"
                                    + "\"signingChain\":[]}")
                            .getBytes(StandardCharsets.UTF_8),
                    IssuedCertificates.class);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LoggerFactory.getLogger(AheadOfTheCard.class).debug("Nothing prepared ahead of the card: {}", e.toString());
        }
    }
}
