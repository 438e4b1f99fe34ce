package org.fieldpost.broker.store.jdbc;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.PreparedBranchRecord;
import org.fieldpost.broker.store.StoreCompletion;
import org.fieldpost.broker.store.StoreTransaction;

/**
 * A transaction of a {@link JdbcMessageStore}: records operations in memory and, at commit, hands
 * them to the engine's group-commit writer as one unit. An enqueue takes its queue-order sequence
 * number when it is recorded, that is under the queue's lock, so the stored order is the queue's
 * order even when transactions commit in another order. Its completion tells when it was submitted
 * ({@link StoreCompletion}): the writer applies and commits transactions in submission order.
 *
 * <p>A transaction of nothing but acknowledgements whose enqueues the writer has not claimed yet
 * (a transacted consumer that keeps up) withdraws them all at commit and completes at once, without
 * the writer: each enqueue is reserved, and only when all are is any withdrawn; otherwise the
 * reservations are put back and the removals go to the writer like any work. All or nothing, as
 * the transaction requires: withdrawing some would make those acknowledgements final while the
 * rest could still be lost with the commit. The same holds across transactions: it withdraws only
 * what completes every producer's transaction it acknowledges, since a consumer's commit-ok must
 * not promise a message whose own transaction a crash may still lose.
 *
 * <p>Concurrency: used by one thread at a time, as {@link StoreTransaction} requires; never blocks.
 */
final class JdbcTransaction implements StoreTransaction {

    private final JdbcMessageStore store;
    private final List<StoreOp> ops = new ArrayList<>(2);
    private final StoreCompletion completion = new StoreCompletion();
    private final WithdrawnCompletion withdrawn = new WithdrawnCompletion(completion);
    /**
     * The enqueues of the acknowledged entries; null until the first. As many as there are
     * operations exactly when every operation is such an acknowledgement.
     */
    private List<EnqueueClaim> acknowledged;
    private boolean finished;

    JdbcTransaction(JdbcMessageStore store) {
        this.store = store;
    }

    @Override
    public PendingEnqueue enqueue(String queue, Message message) {
        StoreOp op = StoreOp.enqueue(queue, message, store.engine().nextSequence(), withdrawn);
        withdrawn.enqueued();
        add(op);
        return op.claim();
    }

    @Override
    public void dequeue(String queue, long messageId) {
        add(StoreOp.dequeue(queue, messageId));
    }

    @Override
    public void dequeue(String queue, long messageId, PendingEnqueue enqueue) {
        add(StoreOp.dequeue(queue, messageId));
        if (enqueue instanceof EnqueueClaim claim) {
            if (acknowledged == null) {
                acknowledged = new ArrayList<>();
            }
            acknowledged.add(claim);
        }
    }

    @Override
    public void updateDeliveryCount(String queue, long messageId, int deliveryCount) {
        add(StoreOp.deliveryCount(queue, messageId, deliveryCount));
    }

    @Override
    public void storePrepared(PreparedBranchRecord branch) {
        add(StoreOp.storePrepared(branch));
    }

    @Override
    public void removePrepared(BranchId branch) {
        add(StoreOp.removePrepared(branch));
    }

    @Override
    public CompletableFuture<Void> commit() {
        return submit(false);
    }

    @Override
    public CompletableFuture<Void> commitDeferred() {
        return submit(true);
    }

    private CompletableFuture<Void> submit(boolean deferrable) {
        finish();
        try {
            if (ops.isEmpty() || withdrawAcknowledged()) {
                completion.complete(null);
            } else {
                store.submit(ops, completion, deferrable);
            }
        } finally {
            completion.markSubmitted();
        }
        withdrawn.submitted();
        return completion;
    }

    /**
     * Withdraws the enqueues of every acknowledged entry, or none of them; true when it did. Only when
     * that completes every transaction they belong to: this one then completes at once, with nothing
     * written, and so must they. A producer's transaction with anything left to write (another
     * enqueue, or a removal of its own, as a worker's that consumes a request and publishes its reply)
     * is durable only once the writer has written it, and a crash before that loses it whole: a
     * consumer's commit must not be promised before, so then this transaction goes to the writer too,
     * which commits it with that one or after it.
     */
    private boolean withdrawAcknowledged() {
        if (acknowledged == null || acknowledged.size() != ops.size()) {
            return false;
        }
        int reserved = 0;
        while (reserved < acknowledged.size() && acknowledged.get(reserved).reserve()) {
            reserved++;
        }
        if (reserved < acknowledged.size() || !completesEveryOwner()) {
            for (int i = 0; i < reserved; i++) {
                acknowledged.get(i).unreserve();
            }
            return false;
        }
        acknowledged.forEach(EnqueueClaim::withdrawReserved);
        return true;
    }

    /**
     * True when the reserved enqueues are all that is left of every transaction they belong to.
     * Reserved enqueues are still counted by their owner, and once submitted an owner's count only
     * falls, so a count equal to the reserved ones means the withdrawal completes it.
     */
    private boolean completesEveryOwner() {
        Map<WithdrawnCompletion, Integer> perOwner = new IdentityHashMap<>();
        for (EnqueueClaim claim : acknowledged) {
            perOwner.merge(claim.owner(), 1, Integer::sum);
        }
        for (Map.Entry<WithdrawnCompletion, Integer> owner : perOwner.entrySet()) {
            if (owner.getKey().get() != owner.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public void rollback() {
        finish();
        completion.markSubmitted();
        completion.cancel(false);
    }

    private void add(StoreOp op) {
        if (finished) {
            throw new IllegalStateException("transaction already finished");
        }
        ops.add(op);
        if (op.kind() != StoreOp.Kind.ENQUEUE) {
            withdrawn.mustWrite();
        }
    }

    private void finish() {
        if (finished) {
            throw new IllegalStateException("transaction already finished");
        }
        finished = true;
    }
}
