package org.fieldpost.broker.store.jdbc;

import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.PreparedBranchRecord;

/**
 * One recorded operation of a {@link JdbcTransaction}.
 *
 * @param kind what to do
 * @param queue the queue name (entry operations)
 * @param message the message (enqueue)
 * @param messageId the message id (entry operations)
 * @param number the queue-order sequence (enqueue) or the delivery count (delivery-count update)
 * @param branch the prepared branch (store prepared)
 * @param branchId the branch to remove (remove prepared)
 * @param claim who gets the enqueue: the writer or a withdrawal (enqueue only)
 */
record StoreOp(Kind kind, String queue, Message message, long messageId, long number,
               PreparedBranchRecord branch, BranchId branchId, EnqueueClaim claim) {

    enum Kind { ENQUEUE, DEQUEUE, DELIVERY_COUNT, STORE_PREPARED, REMOVE_PREPARED }

    static StoreOp enqueue(String queue, Message message, long sequence, WithdrawnCompletion owner) {
        return new StoreOp(Kind.ENQUEUE, queue, message, message.id(), sequence, null, null,
            new EnqueueClaim(owner));
    }

    static StoreOp dequeue(String queue, long messageId) {
        return new StoreOp(Kind.DEQUEUE, queue, null, messageId, 0, null, null, null);
    }

    static StoreOp deliveryCount(String queue, long messageId, int count) {
        return new StoreOp(Kind.DELIVERY_COUNT, queue, null, messageId, count, null, null, null);
    }

    static StoreOp storePrepared(PreparedBranchRecord branch) {
        return new StoreOp(Kind.STORE_PREPARED, null, null, 0, 0, branch, null, null);
    }

    static StoreOp removePrepared(BranchId branchId) {
        return new StoreOp(Kind.REMOVE_PREPARED, null, null, 0, 0, null, branchId, null);
    }

    /** Body bytes this operation writes (for batch sizing). */
    long bytes() {
        return message == null ? 64 : 64L + message.bodySize();
    }
}
