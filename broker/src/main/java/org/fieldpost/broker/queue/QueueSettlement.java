package org.fieldpost.broker.queue;

import org.fieldpost.broker.store.StoreTransaction;

/**
 * The settlement side of one {@link MessageQueue}: {@code basic.get} and the acknowledge, release
 * (requeue) and reject of acquired entries, with the count of acquired entries and the gate that
 * holds dispatch back while the delivery count of a redelivery is being stored. The queue keeps
 * the public methods and their contracts; this class keeps their bodies.
 *
 * <p>Concurrency: owned by its queue and guarded by the queue's lock. The settling methods take
 * that lock themselves (through {@link MessageQueue#withLock}) and leave their side effects to the
 * queue's {@link Outbox}, which runs after the lock is released; the methods marked "under the
 * queue lock" expect the caller to hold it.
 */
final class QueueSettlement {

    private final MessageQueue queue;
    private final QueueEntries available;
    private final QueueContext context;
    private int acquired; // guarded by the queue's lock
    /** Redelivered entries whose new delivery count is not stored yet: dispatch waits for them. */
    private int pendingCounts; // guarded by the queue's lock

    QueueSettlement(MessageQueue queue, QueueEntries available, QueueContext context) {
        this.queue = queue;
        this.available = available;
        this.context = context;
    }

    /** Under the queue lock: true while dispatch must wait for delivery counts to be stored. */
    boolean holdsDispatch() {
        return pendingCounts > 0;
    }

    /** Under the queue lock: a consumer that acknowledges took an entry. */
    void acquiredByConsumer() {
        acquired++;
    }

    /** Under the queue lock: the number of acquired, unsettled entries. */
    int acquiredCount() {
        return acquired;
    }

    /** See {@link MessageQueue#get()}: tries the memory part, then pages in (a few times) and retries. */
    QueueEntry get() {
        QueueEntry got = getAvailable();
        for (int attempt = 0; got == null && attempt < 3 && queue.pageIn(true); attempt++) {
            got = getAvailable();
        }
        return got;
    }

    private QueueEntry getAvailable() {
        QueueEntry[] result = new QueueEntry[1];
        queue.withLock(out -> {
            long now = context.clock().getAsLong();
            queue.markUsed(now);
            while (!queue.deleted() && pendingCounts == 0 && result[0] == null && !available.isEmpty()) {
                QueueEntry head = available.pollFirst();
                if (head.isExpired(now)) {
                    queue.discard(head, DeadLetterReason.EXPIRED, out);
                } else {
                    head.acquire(null);
                    acquired++;
                    result[0] = head;
                }
            }
        });
        return result[0];
    }

    /** See {@link MessageQueue#acknowledge(QueueEntry, StoreTransaction)}. */
    boolean acknowledge(QueueEntry entry, StoreTransaction tx) {
        boolean[] done = new boolean[1];
        queue.withLock(out -> {
            if (entry.state() == QueueEntry.State.ACQUIRED) {
                entry.remove();
                acquired--;
                done[0] = true;
                if (tx == null) {
                    out.dequeue(entry);
                } else if (entry.stored() != null) {
                    tx.dequeue(queue.name(), entry.message().id());
                }
            }
        });
        return done[0];
    }

    /** See {@link MessageQueue#release(QueueEntry, boolean)}. */
    boolean release(QueueEntry entry, boolean redelivered) {
        boolean[] done = new boolean[1];
        queue.withLock(out -> {
            if (entry.state() != QueueEntry.State.ACQUIRED) {
                return;
            }
            done[0] = true;
            acquired--;
            if (queue.deleted()) {
                entry.remove();
                return;
            }
            entry.makeAvailable();
            available.add(entry);
            if (redelivered) {
                entry.markRedelivered(true);
                if (entry.stored() != null) {
                    // The count a redelivery shows must be durable first. The entry is back in its
                    // place already, so the queue order holds; dispatch waits until the store has
                    // the count (requeueCounted).
                    pendingCounts++;
                    out.requeueAfterCountStored(entry);
                    return;
                }
            }
            queue.dispatch(context.clock().getAsLong(), out);
        });
        return done[0];
    }

    /**
     * The delivery count of an entry released for redelivery is stored (or storing it failed: the
     * message is still held, so it is offered again rather than lost): dispatch may go on. Called by
     * the {@link Outbox}, never under a queue lock.
     */
    void requeueCounted() {
        queue.withLock(out -> {
            pendingCounts--;
            queue.dispatch(context.clock().getAsLong(), out);
        });
    }

    /** See {@link MessageQueue#reject(QueueEntry)}. */
    boolean reject(QueueEntry entry) {
        boolean[] done = new boolean[1];
        queue.withLock(out -> {
            if (entry.state() == QueueEntry.State.ACQUIRED) {
                acquired--;
                queue.discard(entry, DeadLetterReason.REJECTED, out);
                done[0] = true;
            }
        });
        return done[0];
    }
}
