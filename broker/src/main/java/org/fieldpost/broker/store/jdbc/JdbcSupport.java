package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Small JDBC helpers shared by the store's classes.
 *
 * <p>Concurrency: stateless.
 */
final class JdbcSupport {

    private JdbcSupport() {
    }

    /** The first column of the first row of {@code sql} as a long, 0 when there is no row or it is NULL. */
    static long longOrZero(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static short flag(boolean value) {
        return (short) (value ? 1 : 0);
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            // closing after a failure: nothing more to do
        }
    }
}
