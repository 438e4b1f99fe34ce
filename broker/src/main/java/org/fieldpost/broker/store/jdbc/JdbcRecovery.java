package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveredEntry;
import org.fieldpost.broker.store.RecoveryHandler;

/**
 * Reads one virtual host back at start-up: topology first, then each queue's entries in queue
 * order, a bounded batch per query (keyset pagination on the entry sequence), so memory stays
 * bounded whatever the queue length. A message held by several queues is read once and shared while
 * its other entries are still to come.
 *
 * <p>After a crash nobody knows which entries had been delivered: each is reported with its stored
 * delivery count plus one, hence redelivered, which is true or harmless. After a clean shutdown the
 * stored counts are exact (channels requeue their unacknowledged deliveries, counted, before the
 * store closes).
 *
 * <p>Concurrency: used by the thread calling {@code recover}; the handler runs outside the store's
 * read lock.
 */
final class JdbcRecovery {

    private final JdbcStoreEngine engine;
    private final int vhostId;
    private final RecoveryHandler handler;
    private final int batchSize;
    private final int countBonus;
    /** Messages with references still to be recovered, by id, with how many remain. */
    private final Map<Long, Shared> shared = new HashMap<>();

    JdbcRecovery(JdbcStoreEngine engine, int vhostId, RecoveryHandler handler, int batchSize) {
        this.engine = engine;
        this.vhostId = vhostId;
        this.handler = handler;
        this.batchSize = batchSize;
        this.countBonus = engine.previousRunCrashed() ? 1 : 0;
    }

    void run() {
        engine.read(this::exchanges).forEach(handler::exchange);
        List<StoredQueue> queues = engine.read(this::queues);
        queues.forEach(q -> handler.queue(q.record()));
        engine.read(this::bindings).forEach(handler::binding);
        for (StoredQueue q : queues) {
            entries(q);
        }
    }

    private List<ExchangeRecord> exchanges(Connection c) throws SQLException {
        List<ExchangeRecord> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_EXCHANGES)) {
            s.setInt(1, vhostId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new ExchangeRecord(rs.getString(1), rs.getString(2), rs.getShort(3) != 0,
                        rs.getShort(4) != 0, StoredForms.arguments(rs.getBytes(5))));
                }
            }
        }
        return found;
    }

    private List<StoredQueue> queues(Connection c) throws SQLException {
        List<StoredQueue> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_QUEUES)) {
            s.setInt(1, vhostId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new StoredQueue(rs.getLong(1), new QueueRecord(rs.getString(2), rs.getShort(3) != 0,
                        StoredForms.arguments(rs.getBytes(4)))));
                }
            }
        }
        return found;
    }

    private List<BindingRecord> bindings(Connection c) throws SQLException {
        List<BindingRecord> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_BINDINGS)) {
            s.setInt(1, vhostId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new BindingRecord(rs.getString(1), rs.getString(2), rs.getShort(3) != 0,
                        rs.getString(4), StoredForms.arguments(rs.getBytes(5))));
                }
            }
        }
        return found;
    }

    private void entries(StoredQueue q) {
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            Batch batch = engine.read(c -> readBatch(c, q.id(), from));
            if (batch.entries().isEmpty()) {
                return;
            }
            handler.entries(q.record().name(), batch.entries());
            if (batch.entries().size() < batchSize) {
                return;
            }
            after = batch.lastSequence();
        }
    }

    private Batch readBatch(Connection c, long queueId, long after) throws SQLException {
        List<RecoveredEntry> entries = new ArrayList<>(Math.min(batchSize, 1024));
        long last = after;
        try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_ENTRIES)) {
            s.setInt(1, vhostId);
            s.setLong(2, queueId);
            s.setLong(3, after);
            s.setInt(4, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    entries.add(new RecoveredEntry(message(rs), rs.getInt(3) + countBonus));
                }
            }
        }
        return new Batch(entries, last);
    }

    private Message message(ResultSet rs) throws SQLException {
        long id = rs.getLong(2);
        int refs = rs.getInt(4);
        Shared known = shared.get(id);
        if (known != null) {
            if (--known.remaining <= 0) {
                shared.remove(id);
            }
            return known.message;
        }
        Message m = StoredForms.message(id, rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8),
            rs.getBytes(9), rs.getBytes(10));
        if (refs > 1) {
            shared.put(id, new Shared(m, refs - 1));
        }
        return m;
    }

    private record StoredQueue(long id, QueueRecord record) {
    }

    private record Batch(List<RecoveredEntry> entries, long lastSequence) {
    }

    private static final class Shared {
        final Message message;
        int remaining;

        Shared(Message message, int remaining) {
            this.message = message;
            this.remaining = remaining;
        }
    }
}
