package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery-count updates and dequeues of one group commit, for entries of either form. Each is
 * tried first on the message's own row (a message held by one queue: one primary-key probe, and a
 * dequeue deletes the message with its entry); only those that touched no row go on to {@code
 * FP_ENTRY}. An entry row a dequeue deleted releases one reference of its message, and the message
 * goes with its last one, so a repeated dequeue can never free a message another queue still holds.
 * Count updates run before dequeues, each kind as JDBC batches whose update counts tell which
 * statements fall through.
 *
 * <p>Concurrency: confined to the writer thread.
 */
final class EntryUpdates implements AutoCloseable {

    private final PreparedStatement updateInlineCount;
    private final PreparedStatement updateEntryCount;
    private final PreparedStatement deleteInline;
    private final PreparedStatement deleteEntry;
    private final PreparedStatement deleteReleased;
    private final PreparedStatement releaseRefs;
    private final List<EntryWork> counts = new ArrayList<>();
    private final List<EntryWork> dequeues = new ArrayList<>();

    EntryUpdates(Connection connection) throws SQLException {
        updateInlineCount = connection.prepareStatement(DerbyDialect.UPDATE_INLINE_DELIVERY_COUNT);
        updateEntryCount = connection.prepareStatement(DerbyDialect.UPDATE_DELIVERY_COUNT);
        deleteInline = connection.prepareStatement(DerbyDialect.DELETE_INLINE_MESSAGE);
        deleteEntry = connection.prepareStatement(DerbyDialect.DELETE_ENTRY);
        deleteReleased = connection.prepareStatement(DerbyDialect.DELETE_RELEASED_MESSAGE);
        releaseRefs = connection.prepareStatement(DerbyDialect.RELEASE_MESSAGE_REFS);
    }

    void addCount(MessageKey message, long queueId, int count) {
        counts.add(new EntryWork(message, queueId, count));
    }

    void addDequeue(MessageKey message, long queueId) {
        dequeues.add(new EntryWork(message, queueId, 0));
    }

    /** Executes the gathered count updates, then the dequeues (no commit), and forgets them. */
    void execute() throws SQLException {
        if (!counts.isEmpty()) {
            updateCounts();
        }
        if (!dequeues.isEmpty()) {
            dequeue();
        }
        counts.clear();
        dequeues.clear();
    }

    private void updateCounts() throws SQLException {
        for (EntryWork w : counts) {
            updateInlineCount.setInt(1, w.count());
            updateInlineCount.setInt(2, w.message().vhostId());
            updateInlineCount.setLong(3, w.message().messageId());
            updateInlineCount.setLong(4, w.queueId());
            updateInlineCount.addBatch();
        }
        int[] updated = updateInlineCount.executeBatch();
        int fallThrough = 0;
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                EntryWork w = counts.get(i);
                updateEntryCount.setInt(1, w.count());
                updateEntryCount.setLong(2, w.queueId());
                updateEntryCount.setLong(3, w.message().messageId());
                updateEntryCount.addBatch();
                fallThrough++;
            }
        }
        if (fallThrough > 0) {
            updateEntryCount.executeBatch();
        }
    }

    private void dequeue() throws SQLException {
        for (EntryWork w : dequeues) {
            deleteInline.setInt(1, w.message().vhostId());
            deleteInline.setLong(2, w.message().messageId());
            deleteInline.setLong(3, w.queueId());
            deleteInline.addBatch();
        }
        int[] deleted = deleteInline.executeBatch();
        List<MessageKey> entryDeletes = new ArrayList<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] == 0) {
                EntryWork w = dequeues.get(i);
                deleteEntry.setLong(1, w.queueId());
                deleteEntry.setLong(2, w.message().messageId());
                deleteEntry.addBatch();
                entryDeletes.add(w.message());
            }
        }
        if (!entryDeletes.isEmpty()) {
            releaseMessages(entryDeletes, deleteEntry.executeBatch());
        }
    }

    /** Releases one reference of {@code messages.get(i)} for each entry row {@code deleted[i]} says went. */
    private void releaseMessages(List<MessageKey> messages, int[] deleted) throws SQLException {
        Map<MessageKey, Integer> releases = new LinkedHashMap<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] > 0) {
                releases.merge(messages.get(i), 1, Integer::sum);
            }
        }
        if (releases.isEmpty()) {
            return;
        }
        for (Map.Entry<MessageKey, Integer> e : releases.entrySet()) {
            deleteReleased.setInt(1, e.getKey().vhostId());
            deleteReleased.setLong(2, e.getKey().messageId());
            deleteReleased.setInt(3, e.getValue());
            deleteReleased.addBatch();
        }
        // a message losing its last references is deleted; only the others need their count lowered
        int[] deletedMessages = deleteReleased.executeBatch();
        int i = 0;
        int updates = 0;
        for (Map.Entry<MessageKey, Integer> e : releases.entrySet()) {
            if (deletedMessages[i++] == 0) {
                int n = e.getValue();
                releaseRefs.setInt(1, n);
                releaseRefs.setInt(2, e.getKey().vhostId());
                releaseRefs.setLong(3, e.getKey().messageId());
                releaseRefs.setInt(4, n);
                releaseRefs.addBatch();
                updates++;
            }
        }
        if (updates > 0) {
            releaseRefs.executeBatch();
        }
    }

    /** Forgets everything gathered. */
    void clear() throws SQLException {
        counts.clear();
        dequeues.clear();
        for (PreparedStatement s : statements()) {
            s.clearBatch();
        }
    }

    private List<PreparedStatement> statements() {
        return List.of(updateInlineCount, updateEntryCount, deleteInline, deleteEntry, deleteReleased, releaseRefs);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : statements()) {
            s.close();
        }
    }

    /** A count update ({@code count}) or a dequeue of the entry of {@code message} in a queue. */
    private record EntryWork(MessageKey message, long queueId, int count) {
    }
}
