package org.fieldpost.broker.store;

/**
 * An enqueue recorded in a {@link StoreTransaction}, which the store may still be able to take
 * back. A persistent message that is consumed and acknowledged before the store has begun to write
 * it need never be written: withdrawing its enqueue saves the insert and the matching delete (as
 * other brokers do, a publisher confirm then means "delivered and acknowledged" rather than
 * "on disk"). The transaction's other work, and its completion, are unaffected.
 *
 * <p>Concurrency: {@link #withdraw} and {@link #delivering} may be called from any thread,
 * {@code withdraw} at most once meaningfully; both race safely with the store's writer.
 */
@FunctionalInterface
public interface PendingEnqueue {

    /** For stores that never take an enqueue back (and entries not stored at all). */
    PendingEnqueue NONE = () -> false;

    /**
     * Takes the enqueue back if the store has not started writing it.
     *
     * @return true when it will never be written (so its dequeue must not be written either);
     *     false when it is written or being written (dequeue it as usual, after it is durable)
     */
    boolean withdraw();

    /**
     * Tells the store that the entry went out to a consumer, so an acknowledgement (and with it a
     * {@link #withdraw}) may come soon: a store may wait briefly for it before writing the enqueue.
     * Called under the queue's lock; must not block.
     */
    default void delivering() {
    }
}
