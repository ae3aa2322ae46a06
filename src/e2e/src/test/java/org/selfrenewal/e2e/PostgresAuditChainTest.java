package org.selfrenewal.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/** {@link AuditChainTest} on a real PostgreSQL server, a fresh database per test. */
class PostgresAuditChainTest extends AuditChainTest {

    private static ThrowawayPostgres postgres;
    private static int databases;
    private String jdbcUrl;

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
    InProcessServer startServer(Path work, TestInfo test) throws Exception {
        jdbcUrl = postgres.freshDatabase("audit" + (++databases));
        return InProcessServer.start(work, false, null, jdbcUrl, postgres.user());
    }

    @Override
    List<String> databaseOptions() {
        return List.of(
                "--data-dir", server.dataDirectory.toString(), "--jdbc-url", jdbcUrl, "--jdbc-user", postgres.user());
    }
}
