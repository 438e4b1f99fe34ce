package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    /** The number of messages held by one queue in their own row (their entry is in that row). */
    static long inlineMessages(Path directory) throws SQLException {
        return count(directory, "FP_MESSAGE WHERE QUEUE_ID IS NOT NULL");
    }

    /** The number of entries of every queue: those held in message rows and the rows of FP_ENTRY. */
    static long entries(Path directory) throws SQLException {
        return inlineMessages(directory) + count(directory, "FP_ENTRY");
    }

    /** The ids of the messages of the queue {@code queue} (of any virtual host), in queue order, over both forms. */
    static List<Long> queueMessageIds(Path directory, String queue) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = connect(directory); PreparedStatement s = c.prepareStatement(
            "SELECT m.MESSAGE_ID, m.SEQ FROM FP_MESSAGE m JOIN FP_QUEUE q ON q.QUEUE_ID = m.QUEUE_ID WHERE q.NAME = ?"
                + " UNION ALL SELECT e.MESSAGE_ID, e.SEQ FROM FP_ENTRY e JOIN FP_QUEUE q ON q.QUEUE_ID = e.QUEUE_ID"
                + " WHERE q.NAME = ? ORDER BY 2")) {
            s.setString(1, queue);
            s.setString(2, queue);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
