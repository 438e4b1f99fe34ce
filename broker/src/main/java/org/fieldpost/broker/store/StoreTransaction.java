package org.fieldpost.broker.store;

import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;

/**
 * A unit of work against the store: all its operations become durable together, or none does.
 * Operations only record work; nothing is written before {@link #commit()}. A store applies
 * committed transactions in the order {@code commit} was called.
 *
 * <p>Concurrency: a transaction is used by one thread at a time (any thread). No method blocks; the
 * recording methods never do I/O. After {@code commit} or {@code rollback} every method throws
 * {@link IllegalStateException}.
 */
public interface StoreTransaction {

    /**
     * Adds {@code message} to the end of {@code queue}. A message enqueued to several queues is
     * stored once and referenced by each entry.
     *
     * @return a handle that can withdraw this enqueue while the store has not started writing it
     */
    PendingEnqueue enqueue(String queue, Message message);

    /**
     * Removes the entry of {@code messageId} from {@code queue}; the message itself is deleted when
     * no entry references it any more. Removing an absent entry is not an error.
     */
    void dequeue(String queue, long messageId);

    /**
     * Removes an acknowledged entry, as {@link #dequeue(String, long)}, given its enqueue's handle
     * ({@code null} or {@link PendingEnqueue#NONE} when there is none). When this transaction holds
     * nothing but such removals and the store has begun to write none of their enqueues, a store may
     * withdraw all those enqueues at commit instead, so that neither they nor the removals are ever
     * written and the commit completes at once: the same outcome, all of it or none of it. A
     * consumer's {@code tx.commit} of messages it received before they were written is then free.
     */
    default void dequeue(String queue, long messageId, PendingEnqueue enqueue) {
        dequeue(queue, messageId);
    }

    /** Records how many deliveries of the entry ended in a requeue (JMSXDeliveryCount - 1). */
    void updateDeliveryCount(String queue, long messageId, int deliveryCount);

    /** Stores the work of a prepared XA branch (see {@link MessageStore#recoverPrepared}). */
    void storePrepared(PreparedBranchRecord branch);

    /**
     * Removes a prepared branch record, typically in the same transaction that applies (commit) or
     * discards (rollback) its work, so that both happen atomically.
     */
    void removePrepared(BranchId branch);

    /**
     * Submits the work. The returned future completes normally only once the work is durable (at
     * once for the in-memory store); it completes exceptionally with a {@link StoreException} if
     * the work could not be stored (for example an enqueue to a queue the store does not know), and
     * then none of it was applied. Callbacks on the future may run on the store's writer thread and
     * must not block.
     */
    CompletableFuture<Void> commit();

    /**
     * Submits the work like {@link #commit()}, for work nobody waits on: the store may hold it for a
     * few milliseconds so that it shares the next commit someone does wait on (or a commit of many
     * such transactions) instead of forcing the log by itself. Meant for acknowledgements: if the
     * broker crashes before the work is durable, the message comes back marked redelivered; nothing
     * is lost. Transactions are still applied in the order they were submitted. The future means
     * what {@code commit}'s means.
     */
    default CompletableFuture<Void> commitDeferred() {
        return commit();
    }

    /**
     * The future {@link #commit()} returns, available before commit: lets code that records work in
     * this transaction chain later work after its completion.
     */
    CompletableFuture<Void> completion();

    /** Discards the work; {@link #completion()} completes exceptionally with a cancellation. */
    void rollback();
}
