package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.PreparedBranchRecord;

/**
 * The statements of one group commit, as JDBC batches over prepared statements that live as long
 * as the writer's connection.
 *
 * <p>Batches run by statement kind in a fixed order: message and entry inserts ({@link
 * MessageInserts}), delivery counts and dequeues ({@link EntryUpdates}), prepared branches. That
 * order equals applying the transactions one after the other because an entry's dequeue never
 * precedes its enqueue; where a later transaction would undo an earlier one's delete (an enqueue of
 * a message dequeued earlier in the batch, a branch stored again after its removal) the statements
 * gathered so far are executed first. An enqueue withdrawn before the writer took it ({@link
 * EnqueueClaim}) is skipped, and a dequeue of an entry whose enqueue the batch holds unexecuted
 * cancels that enqueue (a consumer's transaction committed with the producer's). A message stored
 * for one queue is one row holding its entry; one stored for several queues is inserted once with
 * that many references and entry rows, and goes with its last entry.
 *
 * <p>In lenient mode (a transaction retried alone after its batch failed) a message that already
 * exists gains references instead of failing the insert.
 *
 * <p>Concurrency: confined to the writer thread.
 */
final class WriteBatch implements AutoCloseable {

    private final MessageInserts inserts;
    private final EntryUpdates updates;
    private final PreparedStatement insertPrepared;
    private final PreparedStatement deletePrepared;

    /** Messages dequeued in this batch: enqueueing one again must first execute that dequeue. */
    private final Set<MessageKey> dequeuedMessages = new HashSet<>();
    private final Set<PreparedKey> removedBranches = new HashSet<>();
    private int preparedInserts;
    private int preparedDeletes;
    private boolean lenient;
    /** Operations recorded since {@link #reset}; 0 when every one was withdrawn or cancelled. */
    private int recorded;
    private volatile long cancelled; // written by the writer thread only

    WriteBatch(Connection connection) throws SQLException {
        inserts = new MessageInserts(connection);
        updates = new EntryUpdates(connection);
        insertPrepared = connection.prepareStatement(DerbyDialect.INSERT_PREPARED);
        deletePrepared = connection.prepareStatement(DerbyDialect.DELETE_PREPARED);
    }

    /** Starts a new batch; lenient for a transaction retried on its own. */
    void reset(boolean lenientMode) throws SQLException {
        clearAll();
        this.lenient = lenientMode;
        this.recorded = 0;
    }

    /** True when nothing was recorded since {@link #reset}: there is nothing to execute or commit. */
    boolean isEmpty() {
        return recorded == 0;
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
            recorded++;
            switch (op.kind()) {
                case ENQUEUE -> {
                    MessageKey m = new MessageKey(vhostId, op.messageId());
                    if (dequeuedMessages.contains(m)) {
                        execute();
                    }
                    inserts.add(m, op.message(), queueId, op.number());
                }
                case DEQUEUE -> {
                    if (queueId != null) {
                        addDequeue(new MessageKey(vhostId, op.messageId()), queueId);
                    }
                }
                case DELIVERY_COUNT -> {
                    if (queueId != null) {
                        updates.addCount(new MessageKey(vhostId, op.messageId()), queueId, (int) op.number());
                    }
                }
                case STORE_PREPARED -> addPreparedInsert(vhostId, op.branch());
                case REMOVE_PREPARED -> addPreparedDelete(vhostId, op.branchId());
                default -> throw new IllegalStateException(op.kind().name());
            }
        }
    }

    /**
     * A dequeue of an entry whose enqueue this batch gathered and has not executed cancels it: both
     * are in this one Derby transaction, so writing neither leaves the same rows as writing both.
     */
    private void addDequeue(MessageKey m, long queueId) {
        if (inserts.cancel(m, queueId)) {
            recorded -= 2; // this dequeue and the enqueue it cancelled write nothing
            cancelled++;
            return;
        }
        updates.addDequeue(m, queueId);
        dequeuedMessages.add(m);
    }

    /** Enqueues cancelled by a dequeue in the same group commit, so far (statistics). */
    long cancelledEnqueues() {
        return cancelled;
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
        inserts.execute(lenient);
        updates.execute();
        if (preparedInserts > 0) {
            insertPrepared.executeBatch();
        }
        if (preparedDeletes > 0) {
            deletePrepared.executeBatch();
        }
        preparedInserts = 0;
        preparedDeletes = 0;
    }

    private void clearAll() throws SQLException {
        inserts.clear();
        updates.clear();
        preparedInserts = 0;
        preparedDeletes = 0;
        dequeuedMessages.clear();
        removedBranches.clear();
        insertPrepared.clearBatch();
        deletePrepared.clearBatch();
    }

    @Override
    public void close() throws SQLException {
        inserts.close();
        updates.close();
        insertPrepared.close();
        deletePrepared.close();
    }

    private record PreparedKey(int vhostId, BranchId branch) {
    }
}
