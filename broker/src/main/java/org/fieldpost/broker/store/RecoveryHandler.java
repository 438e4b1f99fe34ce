package org.fieldpost.broker.store;

import java.util.List;

/**
 * Receives the durable state during {@link MessageStore#recover}. Calls come in this order: every
 * exchange, every queue, every binding, then the entries of each queue in queue order (enqueue
 * order), in batches. All calls are made on the thread that called {@code recover}; a handler that
 * throws aborts recovery (the exception propagates out of {@code recover}).
 */
public interface RecoveryHandler {

    /** A durable exchange. */
    void exchange(ExchangeRecord exchange);

    /** A durable queue. */
    void queue(QueueRecord queue);

    /** A durable binding; its source and destination have been reported before. */
    void binding(BindingRecord binding);

    /**
     * The next batch (never empty, at most the requested batch size) of one queue's entries, in
     * queue order. Batches of one queue are consecutive.
     */
    void entries(String queue, List<RecoveredEntry> batch);
}
