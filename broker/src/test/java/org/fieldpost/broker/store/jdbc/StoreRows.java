package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the rows of an embedded store from the test, beside the store's own writer. */
final class StoreRows {

    private StoreRows() {
    }

    /** A second connection to the database booted in this JVM: it sees committed rows. */
    static Connection connect(Path directory) throws SQLException {
        return DriverManager.getConnection(DerbySupport.withoutAttributes(DerbySupport.embeddedUrl(directory)));
    }

    /** The number of committed rows of {@code table}. */
    static long count(Path directory, String table) throws SQLException {
        try (Connection c = connect(directory); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
