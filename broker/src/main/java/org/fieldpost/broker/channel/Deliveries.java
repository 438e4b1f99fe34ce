package org.fieldpost.broker.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueBrowse;
import org.fieldpost.broker.queue.QueueEntry;
import org.fieldpost.broker.transport.FrameWriter;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.TagMap;
import org.fieldpost.protocol.codec.PropertiesCodec;
import org.fieldpost.protocol.jms.JmsHeaders;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * A channel's consumers and its deliveries awaiting acknowledgement, with delivery tags and the
 * channel-wide ({@code global}) prefetch credit.
 *
 * <p>Concurrency: confined to the event loop, except {@link #canSend()},
 * {@link #reserveGlobalCredit()}, {@link #handOver} and {@link #cancelledByBroker}, which queues
 * call under their lock and which only read volatile state, update atomics or post tasks.
 */
final class Deliveries {

    private final ServerChannel channel;
    private final FrameWriter writer;
    private final Map<String, ChannelConsumer> consumers = new LinkedHashMap<>();
    private final Map<String, BrowseCursor> browsers = new LinkedHashMap<>();
    private final TagMap<Unacked> unacked = new TagMap<>();
    private final AtomicInteger globalUnacked = new AtomicInteger();
    private volatile int globalPrefetch;
    private volatile boolean sending = true;
    private int consumerPrefetch;
    private long nextTag = 1;

    Deliveries(ServerChannel channel) {
        this.channel = channel;
        this.writer = channel.host().writer();
    }

    // Called by queues, under their lock.

    boolean canSend() {
        return sending && writer.isWritable();
    }

    /**
     * Whether a browser may send: only the socket's back-pressure counts. {@code channel.flow} pauses
     * the channel's consumers so that their queues' messages go to other consumers; a browser takes no
     * message, and the JMS provider pauses a stopped connection's channels, where browsing must work.
     */
    boolean canSendCopies() {
        return writer.isWritable();
    }

    boolean reserveGlobalCredit() {
        int limit = globalPrefetch;
        if (limit == 0) {
            globalUnacked.incrementAndGet();
            return true;
        }
        while (true) {
            int current = globalUnacked.get();
            if (current >= limit) {
                return false;
            }
            if (globalUnacked.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void handOver(ChannelConsumer consumer, QueueEntry entry) {
        writer.execute(() -> deliver(consumer, entry));
    }

    void cancelledByBroker(ChannelConsumer consumer) {
        writer.execute(() -> {
            if (consumers.remove(consumer.tag()) != null && channel.isOpen()) {
                channel.send(new AmqpBasic.Cancel(consumer.tag(), true));
            }
        });
    }

    Object owner() {
        return channel.host().owner();
    }

    // Event loop only.

    void qos(int prefetchCount, boolean global) {
        if (global) {
            globalPrefetch = prefetchCount;
        } else {
            consumerPrefetch = prefetchCount;
        }
        resume();
    }

    int consumerPrefetch() {
        return consumerPrefetch;
    }

    boolean hasConsumer(String tag) {
        return consumers.containsKey(tag) || browsers.containsKey(tag);
    }

    /** Starts a browser; consume-ok must already be written. */
    void addBrowser(BrowseCursor browser) {
        browsers.put(browser.tag(), browser);
        pumpBrowser(browser);
    }

    private void pumpBrowser(BrowseCursor browser) {
        if (browser.pump(this) && browsers.remove(browser.tag()) != null) {
            channel.send(new AmqpBasic.Cancel(browser.tag(), true));
        }
    }

    /**
     * {@code basic.credit}: widens a browser's window and sends on. A tag that names no browser is
     * ignored: the browse may have ended while the grant was on its way.
     */
    void creditBrowser(String tag, long credit) {
        BrowseCursor browser = browsers.get(tag);
        if (browser != null) {
            browser.addCredit(credit);
            pumpBrowser(browser);
        }
    }

    /** Sends a copy of a message to a browser: not acquired, not to be acknowledged. */
    void deliverCopy(String tag, QueueBrowse.Copy copy) {
        Message message = copy.message();
        writeContent(new AmqpBasic.Deliver(tag, nextTag++, copy.redelivered(), message.exchange(),
            message.routingKey()), message, copy.deliveryCount());
    }

    /** Any thread: a browser's store read is done; it goes on on the event loop if it still runs. */
    void browserLoaded(BrowseCursor browser) {
        writer.execute(() -> {
            browser.loadDone();
            if (browsers.get(browser.tag()) == browser && channel.isOpen()) {
                pumpBrowser(browser);
            }
        });
    }

    void addConsumer(ChannelConsumer consumer) {
        consumers.put(consumer.tag(), consumer);
    }

    /** Removes a consumer; its unacknowledged deliveries stay on the channel. */
    ChannelConsumer removeConsumer(String tag) {
        browsers.remove(tag);
        ChannelConsumer consumer = consumers.remove(tag);
        if (consumer != null) {
            consumer.deactivate();
            consumer.queue().removeConsumer(consumer);
        }
        return consumer;
    }

    void flow(boolean active) {
        sending = active;
        if (active) {
            resume();
        }
    }

    private void deliver(ChannelConsumer consumer, QueueEntry entry) {
        if (!channel.isOpen() || !consumer.isActive()) {
            // The channel went away between hand-over and now: the client never saw it.
            if (!consumer.noAck()) {
                consumer.settled();
                globalUnacked.decrementAndGet();
                consumer.queue().release(entry, false);
            }
            return;
        }
        long tag = nextTag++;
        if (!consumer.noAck()) {
            unacked.put(tag, new Unacked(tag, consumer, consumer.queue(), entry));
        }
        Message message = entry.message();
        writeContent(new AmqpBasic.Deliver(consumer.tag(), tag, entry.redelivered(), message.exchange(),
            message.routingKey()), message, entry.deliveryCount());
    }

    /** Records a {@code basic.get} result and sends get-ok with it. */
    void deliverGet(MessageQueue queue, QueueEntry entry, boolean noAck) {
        long tag = nextTag++;
        if (noAck) {
            queue.acknowledge(entry);
        } else {
            unacked.put(tag, new Unacked(tag, null, queue, entry));
        }
        Message message = entry.message();
        writeContent(new AmqpBasic.GetOk(tag, entry.redelivered(), message.exchange(), message.routingKey(),
            queue.messageCount()), message, entry.deliveryCount());
    }

    /**
     * Writes a delivery. After failed deliveries ({@code previousDeliveries} > 0) the properties
     * carry the {@code x-delivery-count} header (JMSXDeliveryCount), so they are encoded afresh;
     * first deliveries reuse the message's cached encoding.
     */
    void writeContent(AmqpMethod method, Message message, int previousDeliveries) {
        if (previousDeliveries <= 0) {
            writeContent(method, message);
            return;
        }
        BasicProperties base = message.properties();
        Map<String, Object> headers = new LinkedHashMap<>();
        if (base.headers() != null) {
            headers.putAll(base.headers());
        }
        headers.put(JmsHeaders.X_DELIVERY_COUNT, previousDeliveries + 1);
        byte[] properties = PropertiesCodec.encode(base.toBuilder().headers(headers).build());
        writer.writeContent(channel.number(), method, properties, message.body());
    }

    void writeContent(AmqpMethod method, Message message) {
        byte[] properties = message.encodedProperties();
        if (properties == null) {
            properties = PropertiesCodec.encode(message.properties());
            message.cacheEncodedProperties(properties);
        }
        writer.writeContent(channel.number(), method, properties, message.body());
    }

    /**
     * Takes the deliveries an ack, nack or reject names off the channel.
     *
     * @param multiple true to take every delivery up to and including {@code tag}; tag 0 then means all
     * @throws ProtocolException 406 PRECONDITION_FAILED for an unknown delivery tag
     */
    List<Unacked> take(long tag, boolean multiple) throws ProtocolException {
        if (multiple) {
            List<Unacked> taken = new ArrayList<>();
            unacked.removeUpTo(tag == 0 ? Long.MAX_VALUE : tag, taken::add);
            if (taken.isEmpty() && tag != 0) {
                throw unknownTag(tag);
            }
            return taken;
        }
        Unacked one = unacked.remove(tag);
        if (one == null) {
            throw unknownTag(tag);
        }
        return List.of(one);
    }

    /** Puts deliveries back as unacknowledged (a rolled-back transaction's acks). */
    void restore(Collection<Unacked> deliveries) {
        for (Unacked u : deliveries) {
            unacked.put(u.tag(), u);
        }
    }

    private static ProtocolException unknownTag(long tag) {
        return new ProtocolException(ReplyCode.PRECONDITION_FAILED,
            "PRECONDITION_FAILED - unknown delivery tag " + tag);
    }

    /** Acknowledges, requeues or dead-letters settled deliveries, then returns their credit. */
    void settle(List<Unacked> settled, Settlement how) {
        settle(settled, how, null);
    }

    /**
     * As {@link #settle(List, Settlement)}; within a channel transaction ({@code tx} not null) the
     * dequeues of acknowledged messages are recorded in the transaction's store work.
     */
    void settle(List<Unacked> settled, Settlement how, TxCommit tx) {
        Set<MessageQueue> touched = new LinkedHashSet<>();
        for (Unacked u : settled) {
            switch (how) {
                case ACK -> acknowledge(u, tx);
                case REQUEUE -> u.queue().release(u.entry(), true);
                case DEAD_LETTER -> u.queue().reject(u.entry());
                default -> throw new IllegalStateException(how.toString());
            }
            if (u.consumer() != null) {
                u.consumer().settled();
                globalUnacked.decrementAndGet();
                touched.add(u.queue());
            }
        }
        if (globalPrefetch > 0) {
            resume();
        } else {
            touched.forEach(MessageQueue::scheduleDispatch);
        }
    }

    private static void acknowledge(Unacked u, TxCommit tx) {
        if (tx == null) {
            u.queue().acknowledge(u.entry());
        } else if (u.queue().acknowledge(u.entry(), tx.storeTransaction())) {
            tx.after(u.entry().whenSubmitted());
        }
    }

    /** Requeues every unacknowledged delivery as redelivered ({@code basic.recover}). */
    void recover() {
        List<Unacked> all = unacked.values();
        unacked.clear();
        settle(all, Settlement.REQUEUE);
    }

    /** Cancels all consumers and requeues all unacknowledged deliveries. */
    void releaseAll() {
        browsers.clear();
        for (String tag : new ArrayList<>(consumers.keySet())) {
            removeConsumer(tag);
        }
        recover();
    }

    /** Asks every queue this channel consumes from to try dispatching again, and resumes browsers. */
    void resume() {
        for (BrowseCursor browser : new ArrayList<>(browsers.values())) {
            pumpBrowser(browser);
        }
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.queue().scheduleDispatch();
        }
    }

    /** What to do with settled deliveries. */
    enum Settlement { ACK, REQUEUE, DEAD_LETTER }
}
