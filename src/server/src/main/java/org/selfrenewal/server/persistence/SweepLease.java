package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Which of the server processes sharing one database runs the timeout sweep: one lease row. A node takes
 * the lease when it holds it already or when the holder let it expire; one conditional update decides, so
 * at most one node holds it at any time (H2 and PostgreSQL alike).
 */
public final class SweepLease {

    /** Takes or renews the lease for {@code node} until {@code now + duration}; false if another node holds it. */
    public boolean take(Connection c, String node, Instant now, Duration duration) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE sweep_lease SET holder = ?, expires_at = ? WHERE id = 1 AND (holder = ? OR expires_at < ?)")) {
            s.setString(1, node);
            Timestamps.set(s, 2, now.plus(duration));
            s.setString(3, node);
            Timestamps.set(s, 4, now);
            return s.executeUpdate() == 1;
        }
    }
}
