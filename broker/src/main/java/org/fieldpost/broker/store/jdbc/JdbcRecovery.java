package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * order, a bounded batch at a time (keyset pagination on the entry sequence, over both forms of
 * entries: messages held by one queue carry their entry in their own row), so memory stays bounded
 * whatever the queue length. A message held by several queues is read once and shared while
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
            if (!batch.entries().isEmpty()) {
                handler.entries(q.record().name(), batch.entries());
            }
            if (batch.last()) {
                return;
            }
            after = batch.lastSequence();
        }
    }

    /**
     * The next batch of a queue's entries after the sequence number {@code after}. The entries are
     * in two places (messages held by the queue alone carry their entry in their own row, the others
     * have {@code FP_ENTRY} rows), so it first reads the next sequence numbers of each, from the
     * indexes alone, to find where the batch ends; then it reads the rows of each up to there and
     * merges them in queue order. Only rows handed over are read.
     */
    private Batch readBatch(Connection c, long queueId, long after) throws SQLException {
        long[] inlineSeqs = sequences(c, DerbyDialect.SELECT_INLINE_SEQS, queueId, after);
        long[] entrySeqs = sequences(c, DerbyDialect.SELECT_ENTRY_SEQS, queueId, after);
        int found = inlineSeqs.length + entrySeqs.length;
        boolean last = found <= batchSize && inlineSeqs.length < batchSize && entrySeqs.length < batchSize;
        if (found == 0) {
            return new Batch(List.of(), after, true);
        }
        long upTo = lastOfFirst(inlineSeqs, entrySeqs, Math.min(found, batchSize));
        List<SequencedEntry> rows = new ArrayList<>(Math.min(found, batchSize));
        if (inlineSeqs.length > 0 && inlineSeqs[0] <= upTo) {
            try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_INLINE_ENTRIES)) {
                s.setLong(1, queueId);
                s.setLong(2, after);
                s.setLong(3, upTo);
                readRows(s, rows);
            }
        }
        if (entrySeqs.length > 0 && entrySeqs[0] <= upTo) {
            try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_ENTRIES)) {
                s.setInt(1, vhostId);
                s.setLong(2, queueId);
                s.setLong(3, after);
                s.setLong(4, upTo);
                readRows(s, rows);
            }
        }
        rows.sort(Comparator.comparingLong(SequencedEntry::sequence));
        List<RecoveredEntry> entries = new ArrayList<>(rows.size());
        rows.forEach(r -> entries.add(r.entry()));
        return new Batch(entries, upTo, last);
    }

    /** Up to {@code batchSize} sequence numbers after {@code after}, ascending. */
    private long[] sequences(Connection c, String sql, long queueId, long after) throws SQLException {
        long[] found = new long[Math.min(batchSize, 1024)];
        int n = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, queueId);
            s.setLong(2, after);
            s.setInt(3, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, Math.min(batchSize, n * 2));
                    }
                    found[n++] = rs.getLong(1);
                }
            }
        }
        return Arrays.copyOf(found, n);
    }

    /** The {@code n}th smallest of two ascending arrays together (1-based, at most their total length). */
    private static long lastOfFirst(long[] a, long[] b, int n) {
        int i = 0;
        int j = 0;
        long last = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            last = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        }
        return last;
    }

    /** Adds the entries {@code query} finds (its columns are those of {@link DerbyDialect#SELECT_ENTRIES}). */
    private void readRows(PreparedStatement query, List<SequencedEntry> rows) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                RecoveredEntry entry = new RecoveredEntry(message(rs), rs.getInt(3) + countBonus);
                rows.add(new SequencedEntry(rs.getLong(1), entry));
            }
        }
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

    /** A batch to hand over; {@code last} when no entry of the queue comes after it. */
    private record Batch(List<RecoveredEntry> entries, long lastSequence, boolean last) {
    }

    private record SequencedEntry(long sequence, RecoveredEntry entry) {
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
