package org.selfrenewal.server.persistence;

import java.sql.SQLException;

/** A database failure; the transaction it happened in was rolled back. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
