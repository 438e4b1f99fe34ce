package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** How often one {@code basic.get} pages in before it answers empty (a page-in may bring nothing). */
    private static final int PAGE_INS_PER_GET = 3;

    private final MessageQueue queue;
    private final QueueEntries available;
    private final QueueContext context;
    private int acquired; // guarded by the queue's lock
    /** Redelivered entries whose new delivery count is not stored yet: dispatch waits for them. */
    private int pendingCounts; // guarded by the queue's lock
    /** Completes when {@link #pendingCounts} falls to 0, for the gets waiting; null while none wait. */
    private CompletableFuture<Void> countsStored; // guarded by the queue's lock

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

    /**
     * See {@link MessageQueue#get()}: takes the head of the memory part, after the delivery counts of
     * redeliveries are stored when some are pending, else pages in (a few times) and tries again.
     */
    CompletableFuture<QueueEntry> get() {
        return get(0);
    }

    private CompletableFuture<QueueEntry> get(int pageIns) {
        Attempt attempt = getAvailable();
        if (attempt.entry() != null) {
            return CompletableFuture.completedFuture(attempt.entry());
        }
        if (attempt.countsStored() != null) {
            return attempt.countsStored().thenCompose(stored -> get(pageIns));
        }
        if (pageIns == PAGE_INS_PER_GET) {
            return CompletableFuture.completedFuture(null);
        }
        return queue.pageIn().thenCompose(paged -> paged ? get(pageIns + 1) : CompletableFuture.completedFuture(null));
    }

    private Attempt getAvailable() {
        Attempt[] result = {Attempt.NONE};
        queue.withLock(out -> {
            long now = context.clock().getAsLong();
            queue.markUsed(now);
            if (pendingCounts > 0 && !queue.deleted()) {
                // Redelivered entries, back in their places, wait for their counts: so does the head.
                if (countsStored == null) {
                    countsStored = new CompletableFuture<>();
                }
                result[0] = new Attempt(null, countsStored);
                return;
            }
            while (!queue.deleted() && result[0].entry() == null && !available.isEmpty()) {
                QueueEntry head = available.pollFirst();
                if (head.isExpired(now)) {
                    queue.discard(head, DeadLetterReason.EXPIRED, out);
                } else {
                    head.acquire(null);
                    acquired++;
                    result[0] = new Attempt(head, null);
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
                    tx.dequeue(queue.name(), entry.message().id(), entry.takePendingEnqueue());
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
        List<CompletableFuture<Void>> waiting = new ArrayList<>(1);
        queue.withLock(out -> {
            pendingCounts--;
            if (pendingCounts == 0 && countsStored != null) {
                waiting.add(countsStored);
                countsStored = null;
            }
            queue.dispatch(context.clock().getAsLong(), out);
        });
        waiting.forEach(gets -> gets.complete(null)); // outside the lock: the gets take it again
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

    /** What one try of a get found: the entry it acquired, or what to wait for first, or neither. */
    private record Attempt(QueueEntry entry, CompletableFuture<Void> countsStored) {
        static final Attempt NONE = new Attempt(null, null);
    }
}
