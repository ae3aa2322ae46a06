package org.selfrenewal.server;

import java.net.URI;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.CaStoreException;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
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

    /** Opens the database (migrating it) and loads the CA, creating the development hierarchy on first use. */
    public static ServerContext open(ServerSettings settings) throws CaStoreException {
        CaHierarchy ca = DevelopmentHierarchy.loadOrCreate(
                settings.caDirectory(), DevelopmentPassword.loadOrCreate(settings.caDirectory()), settings.clock());
        URI published = PublishedAddress.remember(settings.caDirectory(), settings.publicUrl());
        if (published != null) {
            ca.publishRevocationAt(published);
        }
        Database database = Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        return new ServerContext(settings, database, ca);
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
