package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's ids of durable queues (by virtual host and name) and the last queue and binding ids
 * handed out, for the topology tasks and for resolving the queue of each message operation.
 *
 * <p>Concurrency: the writer thread only.
 */
final class TopologyIds {

    private final Map<QueueKey, Long> queueIds = new HashMap<>();
    private long lastQueueId;
    private long lastBindingId;

    /** The id of a durable queue, or null when the store has none of that name. */
    Long queueId(int vhostId, String name) {
        return queueIds.get(new QueueKey(vhostId, name));
    }

    void putQueueId(int vhostId, String name, long id) {
        queueIds.put(new QueueKey(vhostId, name), id);
    }

    void removeQueueId(int vhostId, String name) {
        queueIds.remove(new QueueKey(vhostId, name));
    }

    long nextQueueId() {
        return ++lastQueueId;
    }

    long nextBindingId() {
        return ++lastBindingId;
    }

    /**
     * Reads the queue ids from the database again (at start, and after a topology task rolled back),
     * keeping the last ids handed out if they are higher than what is stored.
     */
    void load(Connection connection) throws SQLException {
        queueIds.clear();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(DerbyDialect.ALL_QUEUE_IDS)) {
                while (rs.next()) {
                    queueIds.put(new QueueKey(rs.getInt(1), rs.getString(2)), rs.getLong(3));
                }
            }
            lastQueueId = Math.max(lastQueueId, JdbcSupport.longOrZero(s, DerbyDialect.MAX_QUEUE_ID));
            lastBindingId = Math.max(lastBindingId, JdbcSupport.longOrZero(s, DerbyDialect.MAX_BINDING_ID));
        }
    }

    private record QueueKey(int vhostId, String name) {
    }
}
