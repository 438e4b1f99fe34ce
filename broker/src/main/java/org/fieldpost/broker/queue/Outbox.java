package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreTransaction;

/**
 * Side effects a queue operation decides under the queue lock and performs after releasing it:
 * store writes, dead-lettering (which publishes into other queues, maybe this one), consumer
 * cancellation and auto-delete. Running them outside the lock keeps lock order trivial: a thread
 * never holds two queue locks.
 *
 * <p>Concurrency: confined to the thread performing one queue operation.
 */
final class Outbox {


    private List<Message> deadLetters;
    private List<DeadLetterReason> reasons;
    private List<QueueEntry> dequeues;
    private List<QueueEntry> requeues;
    private List<Consumer> cancelled;
    private boolean autoDelete;
    private boolean pageIn;
    private PagedTail.Cleared pagedDequeues;
    private CompletableFuture<Void> pagedAfter;

    void deadLetter(Message message, DeadLetterReason reason) {
        if (deadLetters == null) {
            deadLetters = new ArrayList<>();
            reasons = new ArrayList<>();
        }
        deadLetters.add(message);
        reasons.add(reason);
    }

    void dequeue(QueueEntry entry) {
        if (entry.stored() != null) {
            if (dequeues == null) {
                dequeues = new ArrayList<>();
            }
            dequeues.add(entry);
        }
    }

    void requeueAfterCountStored(QueueEntry entry) {
        if (requeues == null) {
            requeues = new ArrayList<>();
        }
        requeues.add(entry);
    }

    void pageIn() {
        pageIn = true;
    }

    /** Removes paged-out messages from the store (purge), after the enqueues that wrote them. */
    void dequeuePaged(PagedTail.Cleared cleared, CompletableFuture<Void> after) {
        if (cleared.count() > 0) {
            pagedDequeues = cleared;
            pagedAfter = after;
        }
    }

    void cancel(List<Consumer> consumers) {
        cancelled = consumers;
    }

    void requestAutoDelete() {
        autoDelete = true;
    }

    /**
     * Performs everything collected; call after releasing the queue lock. Dead-letter copies are
     * stored before the originals are dequeued: a crash in between duplicates, never loses.
     */
    void run(MessageQueue queue, QueueContext context) {
        if (deadLetters != null) {
            for (int i = 0; i < deadLetters.size(); i++) {
                context.deadLetters().deadLetter(queue, deadLetters.get(i), reasons.get(i));
            }
        }
        if (dequeues != null) {
            dequeue(queue.name(), context.store());
        }
        if (requeues != null) {
            requeues.forEach(e -> requeueAfterCountStored(queue, e, context.store()));
        }
        if (pagedDequeues != null) {
            dequeuePaged(queue, context.store());
        }
        if (pageIn) {
            queue.pageIn();
        }
        if (cancelled != null) {
            cancelled.forEach(Consumer::cancelledByBroker);
        }
        if (autoDelete) {
            context.listener().autoDeleteRequested(queue);
        }
    }

    private void dequeuePaged(MessageQueue queue, MessageStore store) {
        PagedTail.Cleared cleared = pagedDequeues;
        CompletableFuture<Void> enqueued = pagedAfter.handle((ok, failure) -> null);
        enqueued.thenRun(() -> {
            StoreTransaction tx = store.beginTransaction();
            for (long id : cleared.pagedIds()) {
                tx.dequeue(queue.name(), id);
            }
            for (PagedTail.Held h : cleared.held()) {
                if (h.stored() != null) {
                    tx.dequeue(queue.name(), h.message().id());
                }
            }
            tx.commit().whenComplete((v, t) -> StoreFailureLog.failed(t, "purge of paged messages", queue.name(),
                cleared.count()));
        });
    }

    /**
     * Stores the entry's new delivery count (after its enqueue), then puts it back in the queue. When
     * the store answers at once (in memory) this happens before returning; otherwise the requeue runs
     * on a pool thread, never on the store's writer.
     */
    private static void requeueAfterCountStored(MessageQueue queue, QueueEntry e, MessageStore store) {
        int count = e.deliveryCount();
        CompletableFuture<Void> counted = e.stored().handle((ok, failure) -> failure).thenCompose(failure -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            StoreTransaction tx = store.beginTransaction();
            tx.updateDeliveryCount(queue.name(), e.message().id(), count);
            return tx.commit().handle((v, t) -> {
                StoreFailureLog.failed(t, "delivery count (redelivered anyway)", queue.name(), 1);
                return null;
            });
        });
        if (counted.isDone()) {
            queue.settlement().requeueCounted();
        } else {
            counted.whenCompleteAsync((v, t) -> queue.settlement().requeueCounted());
        }
    }

    /**
     * Records the dequeues. Entries whose own enqueue is durable already (the usual case: a
     * {@code multiple} ack) share one store transaction; the others each wait for their enqueue, so
     * that a store applying transactions in commit order never sees a dequeue before its enqueue.
     * Nothing here keeps a message (or its body) reachable until the commit: only ids. Nobody waits
     * for a dequeue, so it is committed deferred: it rides along with the next commit. An entry whose
     * enqueue the store has not begun to write is withdrawn instead: neither is ever written.
     */
    private void dequeue(String queueName, MessageStore store) {
        StoreTransaction shared = null;
        int inShared = 0;
        for (QueueEntry e : dequeues) {
            if (e.withdrawEnqueue()) {
                continue; // consumed before the store wrote it: it never will, nothing to remove
            }
            CompletableFuture<Void> stored = e.stored();
            long id = e.message().id();
            if (stored.isDone()) {
                if (!stored.isCompletedExceptionally()) {
                    if (shared == null) {
                        shared = store.beginTransaction();
                    }
                    shared.dequeue(queueName, id);
                    inShared++;
                }
                continue; // an enqueue that failed never became durable: nothing to undo
            }
            stored.whenComplete((ok, failure) -> {
                if (failure == null) {
                    StoreTransaction tx = store.beginTransaction();
                    tx.dequeue(queueName, id);
                    tx.commitDeferred().whenComplete((v, t) -> StoreFailureLog.failed(t, "dequeue", queueName, 1));
                }
            });
        }
        if (shared != null) {
            int count = inShared;
            shared.commitDeferred().whenComplete((v, t) -> StoreFailureLog.failed(t, "dequeue", queueName, count));
        }
    }
}
