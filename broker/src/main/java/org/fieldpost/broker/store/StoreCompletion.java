package org.fieldpost.broker.store;

import java.util.concurrent.CompletableFuture;

/**
 * The completion of a transaction of a store that applies transactions in the order they are
 * submitted and makes them durable in that order: it completes when the work is durable, and
 * {@link #submitted()} completes as soon as the work is handed to the store. A transaction
 * submitted later is durable only with this one or after it, so work that must merely come after
 * this transaction in the store (a consumer's dequeue of a message this transaction enqueues) can
 * be submitted once this one is, without waiting for its forced write; the store may then write
 * both in one commit, or neither when the dequeue cancels the enqueue.
 *
 * <p>Concurrency: thread-safe, like {@link CompletableFuture}.
 */
public final class StoreCompletion extends CompletableFuture<Void> {

    private final CompletableFuture<Void> submitted = new CompletableFuture<>();

    /** Completes (normally) once the transaction was handed to the store, or will never be. */
    public CompletableFuture<Void> submitted() {
        return submitted;
    }

    /** Records that the transaction was handed to the store (or was rolled back: nothing will come). */
    public void markSubmitted() {
        submitted.complete(null);
    }
}
