package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.message.Message;

/**
 * The message and entry inserts of one group commit. A message enqueued to several queues (routed
 * to them in one transaction, or in several transactions of the gathered work) is written once with
 * that many references.
 *
 * <p>In lenient mode (a transaction retried alone) a message that already exists gains references
 * instead of failing the insert.
 *
 * <p>Concurrency: confined to the writer thread.
 */
final class MessageInserts implements AutoCloseable {

    private final PreparedStatement insertMessage;
    private final PreparedStatement insertEntry;
    private final PreparedStatement addMessageRefs;
    private final Map<MessageKey, PendingMessage> messages = new LinkedHashMap<>();

    MessageInserts(Connection connection) throws SQLException {
        insertMessage = connection.prepareStatement(DerbyDialect.INSERT_MESSAGE);
        insertEntry = connection.prepareStatement(DerbyDialect.INSERT_ENTRY);
        addMessageRefs = connection.prepareStatement(DerbyDialect.ADD_MESSAGE_REFS);
    }

    /** Gathers the enqueue of {@code message} (whose key is {@code key}) to a queue at a sequence number. */
    void add(MessageKey key, Message message, long queueId, long sequence) {
        PendingMessage pending = messages.computeIfAbsent(key, k -> new PendingMessage(message));
        pending.entries.add(new PendingEntry(queueId, sequence));
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
            bindMessage(key, pending);
            if (lenient) {
                insertOrAddRefs(key, pending.entries.size());
            } else {
                insertMessage.addBatch();
            }
            for (PendingEntry entry : pending.entries) {
                insertEntry.setLong(1, entry.queueId());
                insertEntry.setLong(2, key.messageId());
                insertEntry.setLong(3, entry.sequence());
                insertEntry.addBatch();
                entryInserts++;
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

    private void bindMessage(MessageKey key, PendingMessage pending) throws SQLException {
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
    }

    /**
     * Inserts the bound message, or, when it is already stored (a prepared branch's publish being
     * committed, say), adds {@code refs} references to it.
     */
    private void insertOrAddRefs(MessageKey key, int refs) throws SQLException {
        try {
            insertMessage.executeUpdate();
        } catch (SQLException e) {
            if (!DerbySupport.hasState(e, DerbySupport.DUPLICATE_KEY)) {
                throw e;
            }
            addMessageRefs.setInt(1, refs);
            addMessageRefs.setInt(2, key.vhostId());
            addMessageRefs.setLong(3, key.messageId());
            addMessageRefs.executeUpdate();
        }
    }

    /** Forgets everything gathered. */
    void clear() throws SQLException {
        messages.clear();
        insertMessage.clearBatch();
        insertEntry.clearBatch();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : List.of(insertMessage, insertEntry, addMessageRefs)) {
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
