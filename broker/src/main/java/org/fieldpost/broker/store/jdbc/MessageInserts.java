package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.message.Message;

/**
 * The message and entry inserts of one group commit. A message the gathered work enqueues to one
 * queue is written as one row that holds its entry; a message enqueued to several queues (routed
 * to them in one transaction, or in several transactions of the gathered work) is written once with
 * that many references and its entries go to {@code FP_ENTRY}. The form is chosen when the inserts
 * are executed, once every enqueue of the message in the gathered work is known. A dequeue in the
 * same gathered work cancels its entry's enqueue ({@link #cancel}).
 *
 * <p>In lenient mode (a transaction retried alone) a message that already exists gains references
 * instead of failing the insert; if its row holds an entry, that entry first moves to {@code
 * FP_ENTRY}, where the new entries go too.
 *
 * <p>Concurrency: confined to the writer thread.
 */
final class MessageInserts implements AutoCloseable {

    private final PreparedStatement insertMessage;
    private final PreparedStatement insertEntry;
    private final PreparedStatement moveInlineEntry;
    private final PreparedStatement shareMessage;
    private final Map<MessageKey, PendingMessage> messages = new LinkedHashMap<>();

    MessageInserts(Connection connection) throws SQLException {
        insertMessage = connection.prepareStatement(DerbyDialect.INSERT_MESSAGE);
        insertEntry = connection.prepareStatement(DerbyDialect.INSERT_ENTRY);
        moveInlineEntry = connection.prepareStatement(DerbyDialect.MOVE_INLINE_ENTRY);
        shareMessage = connection.prepareStatement(DerbyDialect.SHARE_MESSAGE);
    }

    /** Gathers the enqueue of {@code message} (whose key is {@code key}) to a queue at a sequence number. */
    void add(MessageKey key, Message message, long queueId, long sequence) {
        PendingMessage pending = messages.computeIfAbsent(key, k -> new PendingMessage(message));
        pending.entries.add(new PendingEntry(queueId, sequence));
    }

    /**
     * Takes back the gathered, not yet executed enqueue of message {@code key} to the queue {@code
     * queueId}, for a dequeue of that entry in the same commit: the pair then writes nothing (the
     * message itself goes when it has no other entry). Returns false when there is no such enqueue.
     */
    boolean cancel(MessageKey key, long queueId) {
        PendingMessage pending = messages.get(key);
        if (pending == null || !pending.entries.removeIf(entry -> entry.queueId() == queueId)) {
            return false;
        }
        if (pending.entries.isEmpty()) {
            messages.remove(key);
        }
        return true;
    }

    /** Executes the gathered inserts (no commit) and forgets them. */
    void execute(boolean lenient) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        int entryInserts = 0;
        for (Map.Entry<MessageKey, PendingMessage> e : messages.entrySet()) {
            MessageKey key = e.getKey();
            PendingMessage pending = e.getValue();
            boolean inline = pending.entries.size() == 1;
            bindMessage(key, pending, inline);
            if (!lenient) {
                insertMessage.addBatch();
            } else if (!insertOrShare(key, pending.entries.size())) {
                inline = false;
            }
            if (!inline) {
                for (PendingEntry entry : pending.entries) {
                    insertEntry.setLong(1, entry.queueId());
                    insertEntry.setLong(2, key.messageId());
                    insertEntry.setLong(3, entry.sequence());
                    insertEntry.addBatch();
                    entryInserts++;
                }
            }
        }
        if (!lenient) {
            insertMessage.executeBatch();
        }
        if (entryInserts > 0) {
            insertEntry.executeBatch();
        }
        messages.clear();
    }

    private void bindMessage(MessageKey key, PendingMessage pending, boolean inline) throws SQLException {
        Message m = pending.message;
        insertMessage.setInt(1, key.vhostId());
        insertMessage.setLong(2, key.messageId());
        insertMessage.setInt(3, pending.entries.size());
        insertMessage.setString(4, m.exchange());
        insertMessage.setString(5, m.routingKey());
        insertMessage.setLong(6, m.arrivalMillis());
        insertMessage.setLong(7, m.expiresAtMillis());
        insertMessage.setBytes(8, StoredForms.properties(m));
        insertMessage.setBytes(9, m.body());
        if (inline) {
            PendingEntry entry = pending.entries.get(0);
            insertMessage.setLong(10, entry.queueId());
            insertMessage.setLong(11, entry.sequence());
            insertMessage.setInt(12, 0);
        } else {
            insertMessage.setNull(10, Types.BIGINT);
            insertMessage.setNull(11, Types.BIGINT);
            insertMessage.setNull(12, Types.INTEGER);
        }
    }

    /**
     * Inserts the bound message, or, when it is already stored (a prepared branch's publish being
     * committed, say), adds {@code refs} references to it and moves an entry its row holds to
     * {@code FP_ENTRY}. Returns false in the second case: the new entries then go to {@code FP_ENTRY}.
     */
    private boolean insertOrShare(MessageKey key, int refs) throws SQLException {
        try {
            insertMessage.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!DerbySupport.hasState(e, DerbySupport.DUPLICATE_KEY)) {
                throw e;
            }
        }
        moveInlineEntry.setInt(1, key.vhostId());
        moveInlineEntry.setLong(2, key.messageId());
        moveInlineEntry.executeUpdate();
        shareMessage.setInt(1, refs);
        shareMessage.setInt(2, key.vhostId());
        shareMessage.setLong(3, key.messageId());
        shareMessage.executeUpdate();
        return false;
    }

    /** Forgets everything gathered. */
    void clear() throws SQLException {
        messages.clear();
        insertMessage.clearBatch();
        insertEntry.clearBatch();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : List.of(insertMessage, insertEntry, moveInlineEntry, shareMessage)) {
            s.close();
        }
    }

    private record PendingEntry(long queueId, long sequence) {
    }

    private static final class PendingMessage {
        final Message message;
        final List<PendingEntry> entries = new ArrayList<>(1);

        PendingMessage(Message message) {
            this.message = message;
        }
    }
}
