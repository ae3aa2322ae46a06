package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The one way the repositories run a query and read its rows. */
final class Rows {

    private Rows() {}

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, Binder binder, Reader<T> reader) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet row = s.executeQuery()) {
                List<T> all = new ArrayList<>();
                while (row.next()) {
                    all.add(reader.read(row));
                }
                return all;
            }
        }
    }
}
