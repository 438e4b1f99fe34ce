package org.fieldpost.broker.queue;

import org.fieldpost.broker.message.Message;

/**
 * A subscription to a {@link MessageQueue}, implemented by the channel layer (one per
 * {@code basic.consume}).
 *
 * <p>Threading contract: {@link #tryDeliver} and {@link #accepts} are called <em>with the queue's
 * lock held</em>, on whatever thread is dispatching (a publisher's connection thread, an acking
 * channel, the expiry timer). They must be fast, must not block and must not call back into any
 * queue; typically {@code tryDeliver} checks the channel's credit, records the entry and hands the
 * write to the connection's own event loop. {@link #cancelledByBroker()} is called without any queue
 * lock, but possibly while the virtual host changes its topology; it must not block either.
 */
public interface Consumer {

    /** The consumer tag. */
    String tag();

    /**
     * True for {@code no-ack} consumers: the queue forgets an entry as soon as {@link #tryDeliver}
     * accepts it; no acknowledge follows.
     */
    boolean noAck();

    /** The connection this consumer belongs to (an opaque token, for no-local and exclusivity). */
    Object connection();

    /**
     * Offers an acquired entry. Returns false when the consumer has no credit (prefetch full); the
     * entry then stays in the queue and the queue stops offering to this consumer until
     * {@link MessageQueue#consumerReady(Consumer)} or {@link MessageQueue#scheduleDispatch()}.
     */
    boolean tryDeliver(QueueEntry entry);

    /** The queue was deleted: the channel sends {@code basic.cancel} if the client supports it. */
    void cancelledByBroker();

    /**
     * Whether this consumer wants {@code message} at all (a hook for JMS selectors and no-local).
     * Messages a consumer does not accept stay in the queue for others. Default: every message.
     */
    default boolean accepts(Message message) {
        return true;
    }
}
