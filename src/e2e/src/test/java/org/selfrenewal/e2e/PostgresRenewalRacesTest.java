package org.selfrenewal.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RenewalRacesTest} on a real PostgreSQL server: the same locks and constraint hold there. */
class PostgresRenewalRacesTest extends RenewalRacesTest {

    private static ThrowawayPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        var binaries = ThrowawayPostgres.binaries();
        RequiredTools.need(
                binaries.isPresent(), "PostgreSQL server binaries are not installed (apt-get install postgresql)");
        postgres = ThrowawayPostgres.start(binaries.get());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    InProcessServer startServer(Path work) throws Exception {
        return InProcessServer.start(work, false, null, postgres.jdbcUrl(), postgres.user());
    }
}
