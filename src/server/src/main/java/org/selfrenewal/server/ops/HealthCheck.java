package org.selfrenewal.server.ops;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the service able to renew? The database answers a query, and each issuing CA's key signs (a CRL
 * signed and verified with the CA certificate's public key: for a key in an HSM this is the HSM
 * answering). The CA result is kept for {@link #CA_CHECK_EVERY} so that frequent probes cost nothing
 * under load. Says only "up"/"down" per part: no detail that could help an attacker.
 */
public final class HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    static final Duration CA_CHECK_EVERY = Duration.ofSeconds(30);

    private final DataSource database;
    private final CaHierarchy ca;
    private final Clock clock;
    private volatile Instant caCheckedAt = Instant.MIN;
    private volatile boolean caUp;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "the server's one pool and CA, shared by design")
    public HealthCheck(DataSource database, CaHierarchy ca, Clock clock) {
        this.database = database;
        this.ca = ca;
        this.clock = clock;
    }

    /** The outcome: {@code up} only if every part is up. */
    public record Health(boolean up, Map<String, String> parts) {

        /** Copies the parts, keeping their order (the health answer lists them as given). */
        public Health {
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        @Override
        public Map<String, String> parts() {
            return Collections.unmodifiableMap(parts);
        }
    }

    public Health check() {
        boolean databaseUp = databaseAnswers();
        boolean caKeyUp = caKeysSign();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database", databaseUp ? "up" : "down");
        parts.put("ca", caKeyUp ? "up" : "down");
        return new Health(databaseUp && caKeyUp, parts);
    }

    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            LOG.warn("Health: the database does not answer: {}", e.toString());
            return false;
        }
    }

    /**
     * Starts the CA part of the check now, on its own thread, so that the first {@code /health} finds its
     * answer (kept for {@link #CA_CHECK_EVERY}) instead of making the cold JVM's first signatures itself.
     */
    public void checkCaKeysAhead() {
        Thread ahead = new Thread(this::caKeysSign, "health-ca-check");
        ahead.setDaemon(true);
        ahead.start();
    }

    // synchronized: a check arriving while another runs waits for its answer rather than signing again
    private synchronized boolean caKeysSign() {
        Instant now = clock.instant();
        if (Duration.between(caCheckedAt, now).compareTo(CA_CHECK_EVERY) < 0 && caCheckedAt != Instant.MIN) {
            return caUp;
        }
        boolean up = true;
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            try {
                var issuer = ca.issuerFor(purpose);
                X509CRL crl = issuer.revocation().crl(List.of(), now, now.plus(Duration.ofMinutes(1)), BigInteger.ONE);
                crl.verify(issuer.certificate().getPublicKey());
            } catch (Exception e) {
                LOG.warn("Health: the {} CA key does not sign: {}", purpose, e.toString());
                up = false;
            }
        }
        caUp = up;
        caCheckedAt = now;
        return up;
    }
}
