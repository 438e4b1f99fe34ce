package org.fieldpost.broker.store.jdbc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes a transaction that holds nothing but enqueues the moment acknowledgements have
 * withdrawn all of them, on the acknowledging thread: its publisher hears at once instead of when
 * the writer next looks. Nothing of it will be written, so completing it is not an ordering
 * question (the writer completes such a transaction out of order as well; a second completion does
 * nothing).
 *
 * <p>Counts the enqueues not yet withdrawn, plus one until the transaction is submitted, plus one
 * for good once it holds anything else, which must be written.
 *
 * <p>Concurrency: lock-free; any thread.
 */
final class WithdrawnCompletion extends AtomicInteger {

    private final CompletableFuture<Void> completion;
    private volatile long completedAtNanos;

    WithdrawnCompletion(CompletableFuture<Void> completion) {
        super(1);
        this.completion = completion;
    }

    /** The transaction recorded an enqueue. */
    void enqueued() {
        incrementAndGet();
    }

    /** The transaction recorded work that must be written: it never completes here. */
    void mustWrite() {
        incrementAndGet();
    }

    /** An acknowledgement withdrew one of the enqueues. */
    void withdrawn() {
        if (decrementAndGet() == 0) {
            completedAtNanos = System.nanoTime();
            completion.complete(null);
        }
    }

    /** When the transaction was completed here (System.nanoTime), or 0 while it is not. */
    long completedAtNanos() {
        return completedAtNanos;
    }

    /** The transaction was submitted to the writer. */
    void submitted() {
        withdrawn();
    }
}
