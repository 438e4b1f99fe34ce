package org.fieldpost.broker.queue;

/** What a queue did with a published message. */
public enum EnqueueResult {
    /** The message is in the queue (or already delivered). */
    ACCEPTED,
    /** The queue is full and its overflow mode is {@code reject-publish(-dlx)}: publisher confirms nack it. */
    REJECTED,
    /** The queue had been deleted concurrently; the message was dropped. */
    DISCARDED
}
