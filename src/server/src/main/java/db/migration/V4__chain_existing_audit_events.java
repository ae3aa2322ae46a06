package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.selfrenewal.server.persistence.AuditChain;

/** Chains the audit events written before the chain existed, oldest first, and moves the head after them. */
public final class V4__chain_existing_audit_events extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM audit_event ORDER BY id");
                ResultSet row = s.executeQuery()) {
            while (row.next()) {
                ids.add(row.getLong(1));
            }
        }
        AuditChain.chainExisting(c, ids);
    }
}
