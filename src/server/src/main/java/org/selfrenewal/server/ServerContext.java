package org.selfrenewal.server;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.CaStoreException;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.server.api.RenewalService;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.ra.RegistrationAuthority;
import org.selfrenewal.server.renewal.HierarchyCertificateIssuer;
import org.selfrenewal.server.renewal.RenewalCore;
import org.selfrenewal.server.revocation.RevocationHandler;

/**
 * The server's parts wired together once: database, CA hierarchy, renewal service and RA. Used by the
 * {@code serve} and RA commands and by in-process tests.
 */
public final class ServerContext implements AutoCloseable {

    private final ServerSettings settings;
    private final Database database;
    private final CaHierarchy ca;
    private final RenewalService renewals;
    private final RegistrationAuthority registrationAuthority;

    private ServerContext(ServerSettings settings, Database database, CaHierarchy ca) {
        this.settings = settings;
        this.database = database;
        this.ca = ca;
        this.renewals = new RenewalService(
                new RenewalCore(
                        database, new HierarchyCertificateIssuer(ca), settings.clock(), settings.renewalTimeout()),
                settings.publicUrl());
        this.registrationAuthority = new RegistrationAuthority(database, ca, settings.clock());
    }

    /**
     * Opens the database (migrating it) and loads the CA: the imported one with its keys on an HSM when
     * {@code ca import} bound one, else the development hierarchy (created on first use).
     */
    public static ServerContext open(ServerSettings settings) throws CaStoreException {
        // The database (pool, Flyway) opens while the CA's keys load: the two biggest parts of a start.
        FutureTask<Database> opening =
                new FutureTask<>(() -> Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword()));
        new Thread(opening, "database-open").start();
        CaHierarchy ca;
        try {
            ca = HsmHierarchy.configured(settings.caDirectory())
                    ? HsmHierarchy.load(settings.caDirectory(), settings.clock())
                    : DevelopmentHierarchy.loadOrCreate(
                            settings.caDirectory(),
                            DevelopmentPassword.loadOrCreate(settings.caDirectory()),
                            settings.clock());
            URI published = PublishedAddress.remember(settings.caDirectory(), settings.publicUrl());
            if (published != null) {
                ca.publishRevocationAt(published);
            }
        } catch (CaStoreException | RuntimeException e) {
            closeWhenOpen(opening);
            throw e;
        }
        return new ServerContext(settings, opened(opening), ca);
    }

    private static Database opened(FutureTask<Database> opening) {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeWhenOpen(opening);
            throw new IllegalStateException("interrupted while opening the database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void closeWhenOpen(FutureTask<Database> opening) {
        try {
            opening.get().close();
        } catch (Exception ignored) {
            // it did not open: nothing to close
        }
    }

    public ServerSettings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public CaHierarchy ca() {
        return ca;
    }

    /** The JSON API's front door to the renewal core. */
    public RenewalService renewals() {
        return renewals;
    }

    /** The protocol-neutral renewal core. */
    public RenewalCore core() {
        return renewals.core();
    }

    /** The CRLs and OCSP responder of the issuing CAs, under /pki/. */
    public RevocationHandler revocationHandler() {
        return new RevocationHandler(database, ca, settings.clock());
    }

    public RegistrationAuthority registrationAuthority() {
        return registrationAuthority;
    }

    @Override
    public void close() {
        database.close();
    }
}
