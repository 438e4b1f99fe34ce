package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.PreparedBranchRecord;

/**
 * The statements of one group commit, as JDBC batches over prepared statements that live as long
 * as the writer's connection.
 *
 * <p>Batches run by statement kind in a fixed order: message inserts, entry inserts, delivery
 * counts, entry deletes, message releases, prepared branches. That order equals applying the
 * transactions one after the other because an entry's dequeue never precedes its enqueue; where a
 * later transaction would undo an earlier one's delete (an enqueue of an entry or message released
 * earlier in the batch, a branch stored again after its removal) the statements gathered so far are
 * executed first. A message stored for several queues in one transaction is inserted once with that
 * many references; an entry delete that removed a row releases one reference, and the message goes
 * with its last one, so a repeated dequeue can never free a message another queue still holds.
 *
 * <p>In lenient mode (a transaction retried alone after its batch failed) a message that already
 * exists gains references instead of failing the insert.
 *
 * <p>Concurrency: confined to the writer thread.
 */
final class WriteBatch implements AutoCloseable {

    private final PreparedStatement insertMessage;
    private final PreparedStatement addMessageRefs;
    private final PreparedStatement insertEntry;
    private final PreparedStatement updateCount;
    private final PreparedStatement deleteEntry;
    private final PreparedStatement deleteReleased;
    private final PreparedStatement releaseRefs;
    private final PreparedStatement insertPrepared;
    private final PreparedStatement deletePrepared;

    private final Map<MessageKey, PendingMessage> messages = new LinkedHashMap<>();
    private final List<MessageKey> deletedEntries = new ArrayList<>();
    private final Set<EntryKey> dequeued = new HashSet<>();
    private final Set<MessageKey> dequeuedMessages = new HashSet<>();
    private final Set<PreparedKey> removedBranches = new HashSet<>();
    private int entryInserts;
    private int countUpdates;
    private int preparedInserts;
    private int preparedDeletes;
    private boolean lenient;

    WriteBatch(Connection connection) throws SQLException {
        insertMessage = connection.prepareStatement(DerbyDialect.INSERT_MESSAGE);
        addMessageRefs = connection.prepareStatement(DerbyDialect.ADD_MESSAGE_REFS);
        insertEntry = connection.prepareStatement(DerbyDialect.INSERT_ENTRY);
        updateCount = connection.prepareStatement(DerbyDialect.UPDATE_DELIVERY_COUNT);
        deleteEntry = connection.prepareStatement(DerbyDialect.DELETE_ENTRY);
        deleteReleased = connection.prepareStatement(DerbyDialect.DELETE_RELEASED_MESSAGE);
        releaseRefs = connection.prepareStatement(DerbyDialect.RELEASE_MESSAGE_REFS);
        insertPrepared = connection.prepareStatement(DerbyDialect.INSERT_PREPARED);
        deletePrepared = connection.prepareStatement(DerbyDialect.DELETE_PREPARED);
    }

    /** Starts a new batch; lenient for a transaction retried on its own. */
    void reset(boolean lenientMode) throws SQLException {
        clearAll();
        this.lenient = lenientMode;
    }

    /**
     * Adds the statements of one transaction whose queues have been resolved.
     *
     * @param queueIds the queue id of each op's queue, null for a queue the store does not hold
     *     (dequeues and count updates of such queues are no-ops; enqueues were refused before)
     */
    void add(int vhostId, List<StoreOp> ops, Long[] queueIds) throws SQLException {
        for (int i = 0; i < ops.size(); i++) {
            StoreOp op = ops.get(i);
            Long queueId = queueIds[i];
            if (op.kind() == StoreOp.Kind.ENQUEUE && !op.claim().claimForWrite()) {
                continue; // withdrawn: consumed and acknowledged before it was written
            }
            switch (op.kind()) {
                case ENQUEUE -> {
                    MessageKey m = new MessageKey(vhostId, op.messageId());
                    if (dequeued.contains(new EntryKey(queueId, op.messageId())) || dequeuedMessages.contains(m)) {
                        execute();
                    }
                    PendingMessage pending = messages.get(m);
                    if (pending == null) {
                        messages.put(m, new PendingMessage(op.message()));
                    } else {
                        pending.refs++;
                    }
                    addEntryInsert(queueId, op.messageId(), op.number());
                }
                case DEQUEUE -> addEntryDelete(vhostId, queueId, op.messageId());
                case DELIVERY_COUNT -> addCountUpdate(queueId, op.messageId(), (int) op.number());
                case STORE_PREPARED -> addPreparedInsert(vhostId, op.branch());
                case REMOVE_PREPARED -> addPreparedDelete(vhostId, op.branchId());
                default -> throw new IllegalStateException(op.kind().name());
            }
        }
    }

    private void addEntryInsert(long queueId, long messageId, long sequence) throws SQLException {
        insertEntry.setLong(1, queueId);
        insertEntry.setLong(2, messageId);
        insertEntry.setLong(3, sequence);
        insertEntry.addBatch();
        entryInserts++;
    }

    private void addEntryDelete(int vhostId, Long queueId, long messageId) throws SQLException {
        if (queueId == null) {
            return;
        }
        deleteEntry.setLong(1, queueId);
        deleteEntry.setLong(2, messageId);
        deleteEntry.addBatch();
        MessageKey m = new MessageKey(vhostId, messageId);
        deletedEntries.add(m);
        dequeuedMessages.add(m);
        dequeued.add(new EntryKey(queueId, messageId));
    }

    private void addCountUpdate(Long queueId, long messageId, int count) throws SQLException {
        if (queueId == null) {
            return;
        }
        updateCount.setInt(1, count);
        updateCount.setLong(2, queueId);
        updateCount.setLong(3, messageId);
        updateCount.addBatch();
        countUpdates++;
    }

    private void addPreparedInsert(int vhostId, PreparedBranchRecord branch) throws SQLException {
        if (removedBranches.contains(new PreparedKey(vhostId, branch.branch()))) {
            execute();
        }
        BranchId id = branch.branch();
        insertPrepared.setInt(1, vhostId);
        insertPrepared.setInt(2, id.formatId());
        insertPrepared.setBytes(3, id.globalId());
        insertPrepared.setBytes(4, id.branchQualifier());
        insertPrepared.setBytes(5, StoredForms.preparedWork(branch));
        insertPrepared.addBatch();
        preparedInserts++;
    }

    private void addPreparedDelete(int vhostId, BranchId id) throws SQLException {
        if (preparedInserts > 0) {
            // a branch stored and removed in one batch: keep the order
            execute();
        }
        deletePrepared.setInt(1, vhostId);
        deletePrepared.setInt(2, id.formatId());
        deletePrepared.setBytes(3, id.globalId());
        deletePrepared.setBytes(4, id.branchQualifier());
        deletePrepared.addBatch();
        preparedDeletes++;
        removedBranches.add(new PreparedKey(vhostId, id));
    }

    /** Executes everything gathered so far (no commit) and starts gathering afresh. */
    void execute() throws SQLException {
        insertMessages();
        if (entryInserts > 0) {
            insertEntry.executeBatch();
        }
        if (countUpdates > 0) {
            updateCount.executeBatch();
        }
        if (!deletedEntries.isEmpty()) {
            releaseMessages(deleteEntry.executeBatch());
        }
        if (preparedInserts > 0) {
            insertPrepared.executeBatch();
        }
        if (preparedDeletes > 0) {
            deletePrepared.executeBatch();
        }
        clearGathered();
    }

    private void insertMessages() throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        for (Map.Entry<MessageKey, PendingMessage> e : messages.entrySet()) {
            MessageKey key = e.getKey();
            Message m = e.getValue().message;
            int refs = e.getValue().refs;
            insertMessage.setInt(1, key.vhostId());
            insertMessage.setLong(2, key.messageId());
            insertMessage.setInt(3, refs);
            insertMessage.setString(4, m.exchange());
            insertMessage.setString(5, m.routingKey());
            insertMessage.setLong(6, m.arrivalMillis());
            insertMessage.setLong(7, m.expiresAtMillis());
            insertMessage.setBytes(8, StoredForms.properties(m));
            insertMessage.setBytes(9, m.body());
            if (lenient) {
                insertOrAddRefs(key, refs);
            } else {
                insertMessage.addBatch();
            }
        }
        if (!lenient) {
            insertMessage.executeBatch();
        }
    }

    private void insertOrAddRefs(MessageKey key, int refs) throws SQLException {
        try {
            insertMessage.executeUpdate();
        } catch (SQLException e) {
            if (!DerbySupport.hasState(e, DerbySupport.DUPLICATE_KEY)) {
                throw e;
            }
            // The message is already stored (a prepared branch's publish being committed, say).
            addMessageRefs.setInt(1, refs);
            addMessageRefs.setInt(2, key.vhostId());
            addMessageRefs.setLong(3, key.messageId());
            addMessageRefs.executeUpdate();
        }
    }

    /** Releases one reference per entry row actually deleted. */
    private void releaseMessages(int[] deleted) throws SQLException {
        Map<MessageKey, Integer> releases = new LinkedHashMap<>();
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i] > 0) {
                releases.merge(deletedEntries.get(i), 1, Integer::sum);
            }
        }
        if (releases.isEmpty()) {
            return;
        }
        for (Map.Entry<MessageKey, Integer> e : releases.entrySet()) {
            MessageKey key = e.getKey();
            int n = e.getValue();
            deleteReleased.setInt(1, key.vhostId());
            deleteReleased.setLong(2, key.messageId());
            deleteReleased.setInt(3, n);
            deleteReleased.addBatch();
        }
        // a message losing its last references is deleted; only the others need their count lowered
        int[] deletedMessages = deleteReleased.executeBatch();
        int i = 0;
        int updates = 0;
        for (Map.Entry<MessageKey, Integer> e : releases.entrySet()) {
            if (deletedMessages[i++] == 0) {
                MessageKey key = e.getKey();
                int n = e.getValue();
                releaseRefs.setInt(1, n);
                releaseRefs.setInt(2, key.vhostId());
                releaseRefs.setLong(3, key.messageId());
                releaseRefs.setInt(4, n);
                releaseRefs.addBatch();
                updates++;
            }
        }
        if (updates > 0) {
            releaseRefs.executeBatch();
        }
    }

    private void clearGathered() {
        messages.clear();
        deletedEntries.clear();
        entryInserts = 0;
        countUpdates = 0;
        preparedInserts = 0;
        preparedDeletes = 0;
    }

    private void clearAll() throws SQLException {
        clearGathered();
        dequeued.clear();
        dequeuedMessages.clear();
        removedBranches.clear();
        for (PreparedStatement s : statements()) {
            s.clearBatch();
        }
    }

    private List<PreparedStatement> statements() {
        return List.of(insertMessage, addMessageRefs, insertEntry, updateCount, deleteEntry, deleteReleased,
            releaseRefs, insertPrepared, deletePrepared);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : statements()) {
            s.close();
        }
    }

    private record MessageKey(int vhostId, long messageId) {
    }

    private record EntryKey(long queueId, long messageId) {
    }

    private record PreparedKey(int vhostId, BranchId branch) {
    }

    private static final class PendingMessage {
        final Message message;
        int refs = 1;

        PendingMessage(Message message) {
            this.message = message;
        }
    }
}
