package org.fieldpost.broker.queue;

import java.util.function.LongSupplier;
import org.fieldpost.broker.store.MessageStore;

/**
 * What a queue needs from its virtual host.
 *
 * @param virtualHost the virtual host name (for error texts)
 * @param clock the broker clock in epoch milliseconds (injectable for tests)
 * @param deadLetters receives dead-lettered messages
 * @param listener receives lifecycle events
 * @param store the store for persistent messages, or null when the queue is not stored (not durable,
 *     or exclusive)
 * @param memory the broker's message memory account and limit (paging)
 */
public record QueueContext(String virtualHost, LongSupplier clock, DeadLetterSink deadLetters,
                           QueueListener listener, MessageStore store, QueueMemory memory) {

    /** A context without a memory limit. */
    public QueueContext(String virtualHost, LongSupplier clock, DeadLetterSink deadLetters, QueueListener listener,
                        MessageStore store) {
        this(virtualHost, clock, deadLetters, listener, store, QueueMemory.unlimited());
    }
}
