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
 * @param timer runs a task after a delay (delivery-delay wake-ups); null relies on the periodic sweep
 * @param memory the broker's message memory account and limit (paging)
 */
public record QueueContext(String virtualHost, LongSupplier clock, DeadLetterSink deadLetters,
                           QueueListener listener, MessageStore store, Timer timer, QueueMemory memory) {

    /** A context without a timer (delayed messages become visible at the next sweep) nor a memory limit. */
    public QueueContext(String virtualHost, LongSupplier clock, DeadLetterSink deadLetters, QueueListener listener,
                        MessageStore store) {
        this(virtualHost, clock, deadLetters, listener, store, null, QueueMemory.unlimited());
    }

    /** Runs tasks later. Implementations must not block and must not run the task on the calling thread. */
    @FunctionalInterface
    public interface Timer {
        void schedule(Runnable task, long delayMillis);
    }
}
