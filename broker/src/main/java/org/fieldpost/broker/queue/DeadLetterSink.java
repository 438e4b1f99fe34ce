package org.fieldpost.broker.queue;

import org.fieldpost.broker.message.Message;

/**
 * Where a queue sends the messages it dead-letters (implemented by the virtual host, which
 * republishes them to the queue's dead-letter exchange). Only called for queues that have an
 * {@code x-dead-letter-exchange}.
 *
 * <p>Threading: called without any queue lock held, on the thread that performed the queue
 * operation (a publisher, an acking channel, the expiry timer). Must not throw.
 */
public interface DeadLetterSink {

    /** Republishes {@code message}, which left {@code source} for {@code reason}. */
    void deadLetter(MessageQueue source, Message message, DeadLetterReason reason);
}
