package org.fieldpost.broker.channel;

import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.Consumer;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;
import org.fieldpost.protocol.jms.AmqpSelectorContext;
import org.fieldpost.protocol.selector.Selector;

/**
 * A {@code basic.consume} subscription of one channel on one queue. Holds the consumer's credit:
 * with a prefetch count of N it accepts no more than N unacknowledged deliveries.
 *
 * <p>Concurrency: {@link #tryDeliver} runs on the queue's thread under the queue's lock and only
 * reserves credit and hands the entry to the channel's event loop; the unacked counter is
 * decremented on the event loop, so it is atomic. All other methods run on the event loop.
 */
final class ChannelConsumer implements Consumer {
    private final String tag;
    private final MessageQueue queue;
    private final boolean noAck;
    private final boolean exclusive;
    private final boolean noLocal;
    private final Selector selector;
    private final int prefetch;
    private final Deliveries deliveries;
    private final AtomicInteger unacked = new AtomicInteger();
    private volatile boolean active = true;

    ChannelConsumer(String tag, MessageQueue queue, boolean noAck, boolean exclusive, boolean noLocal,
        Selector selector, int prefetch, Deliveries deliveries) {
        this.noLocal = noLocal;
        this.selector = selector;
        this.tag = tag;
        this.queue = queue;
        this.noAck = noAck;
        this.exclusive = exclusive;
        this.prefetch = prefetch;
        this.deliveries = deliveries;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public boolean noAck() {
        return noAck;
    }

    @Override
    public Object connection() {
        return deliveries.owner();
    }

    /**
     * No-local consumers do not see messages published through their own connection; consumers
     * with a selector ({@code x-selector}) see only the messages it matches.
     */
    @Override
    public boolean accepts(Message message) {
        if (noLocal && message.publisher() == deliveries.owner()) {
            return false;
        }
        return matches(selector, message);
    }

    /** True when {@code selector} is null or matches the message. */
    static boolean matches(Selector selector, Message message) {
        return selector == null || selector.matches(new AmqpSelectorContext(message.properties(), false));
    }

    @Override
    public boolean tryDeliver(QueueEntry entry) {
        if (!active || !deliveries.canSend()) {
            return false;
        }
        if (!noAck) {
            if (prefetch > 0 && unacked.get() >= prefetch) {
                return false;
            }
            if (!deliveries.reserveGlobalCredit()) {
                return false;
            }
            unacked.incrementAndGet();
        }
        deliveries.handOver(this, entry);
        return true;
    }

    @Override
    public void cancelledByBroker() {
        active = false;
        deliveries.cancelledByBroker(this);
    }

    /** Gives back the credit of one settled delivery. */
    void settled() {
        unacked.decrementAndGet();
    }

    void deactivate() {
        active = false;
    }

    boolean isActive() {
        return active;
    }

    MessageQueue queue() {
        return queue;
    }

    boolean exclusive() {
        return exclusive;
    }
}
