package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Side effects a queue operation decides under the queue lock and performs after releasing it:
 * store writes, dead-lettering (which publishes into other queues, maybe this one), consumer
 * cancellation and auto-delete. Running them outside the lock keeps lock order trivial: a thread
 * never holds two queue locks.
 *
 * <p>Concurrency: confined to the thread performing one queue operation.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private List<Message> deadLetters;
    private List<DeadLetterReason> reasons;
    private List<QueueEntry> dequeues;
    private List<QueueEntry> requeues;
    private List<Consumer> cancelled;
    private boolean autoDelete;

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
            for (QueueEntry e : dequeues) {
                afterStored(e, context.store(), tx -> tx.dequeue(queue.name(), e.message().id()));
            }
        }
        if (requeues != null) {
            requeues.forEach(e -> requeueAfterCountStored(queue, e, context.store()));
        }
        if (cancelled != null) {
            cancelled.forEach(Consumer::cancelledByBroker);
        }
        if (autoDelete) {
            context.listener().autoDeleteRequested(queue);
        }
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
                if (t != null) {
                    LOG.warn("storing the delivery count of {} failed; redelivering it anyway", e, t);
                }
                return null;
            });
        });
        if (counted.isDone()) {
            queue.requeueCounted(e);
        } else {
            counted.whenCompleteAsync((v, t) -> queue.requeueCounted(e));
        }
    }

    /**
     * Runs store work for an entry once the entry's own enqueue is durable, so that a store applying
     * transactions in commit order never sees the dequeue before the enqueue.
     */
    private static void afterStored(QueueEntry e, MessageStore store,
                                    java.util.function.Consumer<StoreTransaction> work) {
        CompletableFuture<Void> stored = e.stored();
        stored.whenComplete((ok, failure) -> {
            if (failure != null) {
                return; // the enqueue never became durable: nothing to undo
            }
            StoreTransaction tx = store.beginTransaction();
            work.accept(tx);
            tx.commit().whenComplete((v, t) -> {
                if (t != null) {
                    LOG.warn("store update for {} failed", e, t);
                }
            });
        });
    }
}
