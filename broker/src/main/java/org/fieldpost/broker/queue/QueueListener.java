package org.fieldpost.broker.queue;

/**
 * Lifecycle events a queue reports to its virtual host.
 *
 * <p>Threading: called without the queue lock held, on the thread whose operation caused the event.
 */
public interface QueueListener {

    /** The last consumer of an auto-delete queue went away: the owner should delete the queue. */
    void autoDeleteRequested(MessageQueue queue);
}
