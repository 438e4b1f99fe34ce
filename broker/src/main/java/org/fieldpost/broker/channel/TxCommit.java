package org.fieldpost.broker.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.store.StoreTransaction;

/**
 * The store side of one {@code tx.commit}: a single {@link StoreTransaction} holding every
 * publish (enqueues) and ack (dequeues) of the channel transaction, so that they become durable
 * together or not at all, and the enqueues it must wait for before committing: an ack may name a
 * message whose own enqueue the store has not been handed yet, and the store must see the enqueue
 * first. Being handed it is enough ({@link org.fieldpost.broker.queue.QueueEntry#whenSubmitted}):
 * the store commits in submission order, so this transaction is durable only with the enqueue or
 * after it, and when both land in one commit the store need write neither.
 *
 * <p>Concurrency: confined to the event loop while the actions are applied; the futures it
 * returns complete on the store's writer thread.
 */
final class TxCommit {
    private final StoreTransaction store;
    private final List<CompletableFuture<Void>> prerequisites = new ArrayList<>();

    TxCommit(StoreTransaction store) {
        this.store = store;
    }

    /** The store transaction the actions record their work in. */
    StoreTransaction storeTransaction() {
        return store;
    }

    /** The store transaction must not be committed before {@code enqueued} completes (in any way). */
    void after(CompletableFuture<Void> enqueued) {
        if (!enqueued.isDone()) {
            prerequisites.add(enqueued);
        }
    }

    /**
     * Commits the store transaction once its prerequisites are settled; the future completes when
     * the work is durable, exceptionally when the store failed.
     */
    CompletableFuture<Void> commit() {
        if (prerequisites.isEmpty()) {
            return store.commit();
        }
        return CompletableFuture.allOf(prerequisites.toArray(CompletableFuture[]::new))
            .handle((ok, failure) -> null)
            .thenCompose(ignored -> store.commit());
    }
}
