package org.selfrenewal.server.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool over the renewal database, migrated to the latest schema on open. The embedded
 * default is an H2 file under the data directory; PostgreSQL is chosen by a {@code jdbc:postgresql:} URL.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static {
        // Should a process share the embedded database (AUTO_SERVER), H2 listens on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    /**
     * The embedded default: an H2 file under {@code <data>/db}, opened by this process alone, with no
     * network port. {@code shared}: AUTO_SERVER, so an RA command can use the file while the server
     * runs; H2 then listens on 127.0.0.1 only, for connections with the generated password.
     */
    public static String embeddedUrl(Path dataDirectory, boolean shared) {
        return "jdbc:h2:file:" + embeddedDirectory(dataDirectory).resolve("selfrenewal")
                + (shared ? ";AUTO_SERVER=TRUE" : "");
    }

    /** Where the embedded database lives: readable by the server's user only. */
    public static Path embeddedDirectory(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolve("db");
    }

    /**
     * How many parsed statements an H2 session keeps (H2's default is 8). A renewal runs about 25 different
     * statements; with 8 kept, nearly every one was parsed and planned again each time, the largest part of
     * the database's CPU per renewal. PostgreSQL's driver keeps its own per-connection cache (256 by default).
     */
    static final int H2_QUERY_CACHE_SIZE = 128;

    /**
     * Opens a pool and applies any pending Flyway migrations (Flyway is not even configured when the history
     * shows this build's migrations exactly: {@link SchemaHistory}).
     */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withQueryCache(jdbcUrl));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setPoolName("selfrenewal-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (!SchemaHistory.isCurrent(dataSource)) { // current: nothing for Flyway to do or refuse
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /** An H2 URL with the query cache set (unless the URL sets it); any other URL as it is. */
    static String withQueryCache(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.toUpperCase(Locale.ROOT).contains(";QUERY_CACHE_SIZE=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The most connections the pool opens. */
    public int poolSize() {
        return dataSource.getMaximumPoolSize();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
