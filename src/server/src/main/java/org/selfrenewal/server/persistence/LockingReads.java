package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The row locks every step takes ({@code SELECT ... FOR UPDATE} of the card, the renewal and the audit chain's
 * head), kept prepared on each of the pool's connections. H2 never keeps a {@code FOR UPDATE} query in its
 * statement cache, so preparing one each time parsed and planned it again, several times a renewal. A kept
 * statement belongs to its connection, which one thread uses at a time (the pool hands it to one
 * transaction); its parameters are cleared before each use. A closed connection's statements are dropped.
 */
final class LockingReads {

    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new IdentityHashMap<>();

    private LockingReads() {}

    /** The prepared {@code sql} on this connection, parameters cleared; the caller closes its result, not it. */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Connection physical = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
        Map<String, PreparedStatement> statements;
        synchronized (KEPT) {
            statements = KEPT.get(physical);
            if (statements == null) {
                dropClosed();
                statements = new HashMap<>();
                KEPT.put(physical, statements);
            }
        }
        PreparedStatement kept = statements.get(sql);
        if (kept == null || kept.isClosed()) {
            kept = physical.prepareStatement(sql);
            statements.put(sql, kept);
        } else {
            kept.clearParameters();
        }
        return kept;
    }

    private static void dropClosed() throws SQLException {
        var connections = KEPT.keySet().iterator();
        while (connections.hasNext()) {
            if (connections.next().isClosed()) {
                connections.remove();
            }
        }
    }
}
