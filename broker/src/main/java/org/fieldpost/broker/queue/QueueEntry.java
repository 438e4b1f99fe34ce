package org.fieldpost.broker.queue;

import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreCompletion;

/**
 * One message in one queue: the shared {@link Message} plus this queue's bookkeeping. An entry
 * keeps its sequence for life, so a requeued entry returns to its original position.
 *
 * <p>Concurrency: mutated only by its queue under the queue lock; the fields a channel reads after
 * delivery ({@link #state()}, {@link #redelivered()}, {@link #deliveryCount()}) are volatile.
 */
public final class QueueEntry {

    /** Where the entry stands. */
    public enum State {
        /** Waiting in the queue. */
        AVAILABLE,
        /** Delivered (or got), awaiting acknowledge, reject or release. */
        ACQUIRED,
        /** Gone: acknowledged, dropped, expired, dead-lettered or purged. */
        REMOVED
    }

    static final long NEVER = Long.MAX_VALUE;
    private static final CompletableFuture<Void> NOT_STORED = CompletableFuture.completedFuture(null);

    private final MessageQueue queue;
    private final Message message;
    private final long sequence;
    private final int priority;
    private final long expiresAtMillis;
    private final long key;
    /** Completes when the store holds this entry; null when the entry is not stored. */
    private final CompletableFuture<Void> stored;
    private volatile State state = State.AVAILABLE;
    private volatile int deliveryCount;
    private volatile boolean redelivered;
    private Consumer acquiredBy; // guarded by queue lock
    /** The store's handle on this entry's enqueue while it may be withdrawn; set under the queue lock. */
    private PendingEnqueue pendingEnqueue;

    QueueEntry(MessageQueue queue, Message message, long sequence, int priority, long expiresAtMillis,
               CompletableFuture<Void> stored) {
        this.queue = queue;
        this.message = message;
        this.sequence = sequence;
        this.priority = priority;
        this.expiresAtMillis = expiresAtMillis;
        this.stored = stored;
        this.key = orderKey(priority, sequence);
    }

    /** Sort key: higher priority first, then lower sequence. */
    static long orderKey(int priority, long sequence) {
        return ((long) (255 - priority) << 55) | sequence;
    }

    static int priorityOfKey(long key) {
        return 255 - (int) (key >>> 55);
    }

    public MessageQueue queue() {
        return queue;
    }

    public Message message() {
        return message;
    }

    /** Position in the queue within its priority level (enqueue order). */
    public long sequence() {
        return sequence;
    }

    /** The effective priority (the message's, capped at the queue's maximum). */
    public int priority() {
        return priority;
    }

    /** True when delivered before (requeued or recovered after a delivery). */
    public boolean redelivered() {
        return redelivered;
    }

    /** How many deliveries of this entry ended in a requeue (JMSXDeliveryCount is this + 1). */
    public int deliveryCount() {
        return deliveryCount;
    }

    public State state() {
        return state;
    }

    /** The consumer holding the entry, null when got with {@code basic.get} or not acquired. */
    Consumer acquiredBy() {
        return acquiredBy;
    }

    long key() {
        return key;
    }

    CompletableFuture<Void> stored() {
        return stored;
    }

    void pendingEnqueue(PendingEnqueue pending) {
        this.pendingEnqueue = pending;
    }

    /**
     * For the final acknowledgement of this entry: withdraws its enqueue from the store if the
     * store has not begun writing it. True when it will never be written, so nothing is to be
     * removed either. Call once, by the thread that settled the entry under the queue lock.
     */
    boolean withdrawEnqueue() {
        PendingEnqueue pending = takePendingEnqueue();
        return pending != null && pending.withdraw();
    }

    /**
     * For an acknowledgement within a transaction, which withdraws the enqueue only together with
     * the transaction's others ({@link org.fieldpost.broker.store.StoreTransaction#dequeue(String,
     * long, PendingEnqueue)}): the handle, or null. Call once, as {@link #withdrawEnqueue}.
     */
    PendingEnqueue takePendingEnqueue() {
        PendingEnqueue pending = pendingEnqueue;
        pendingEnqueue = null;
        return pending;
    }

    /**
     * Completes when the store holds this entry's enqueue (normally or not); already complete for an
     * entry that is not stored. Work that must follow the enqueue in the store waits for it.
     */
    public CompletableFuture<Void> whenStored() {
        return stored == null ? NOT_STORED : stored;
    }

    /**
     * Completes when the store has been handed this entry's enqueue, for a store that applies and
     * commits work in submission order ({@link StoreCompletion}); otherwise when it holds the
     * enqueue, as {@link #whenStored()}. A dequeue in a transaction waits for this, not for the
     * enqueue's forced write: its own commit cannot be durable before the enqueue's.
     */
    public CompletableFuture<Void> whenSubmitted() {
        return stored instanceof StoreCompletion c ? c.submitted() : whenStored();
    }

    boolean isExpired(long now) {
        return expiresAtMillis != NEVER && expiresAtMillis < now;
    }

    boolean isDue(long now) {
        return expiresAtMillis != NEVER && expiresAtMillis <= now;
    }

    void acquire(Consumer consumer) {
        state = State.ACQUIRED;
        acquiredBy = consumer;
        if (pendingEnqueue != null) {
            pendingEnqueue.delivering(); // the store may wait for the ack instead of writing at once
        }
    }

    void makeAvailable() {
        state = State.AVAILABLE;
        acquiredBy = null;
    }

    void remove() {
        state = State.REMOVED;
        acquiredBy = null;
    }

    void markRedelivered(boolean countDelivery) {
        redelivered = true;
        if (countDelivery) {
            deliveryCount++;
        }
    }

    void restoreDeliveryCount(int count) {
        deliveryCount = count;
        redelivered = count > 0;
    }

    @Override
    public String toString() {
        return "QueueEntry[" + queue.name() + " #" + sequence + " p" + priority + " " + state + " " + message + "]";
    }
}
