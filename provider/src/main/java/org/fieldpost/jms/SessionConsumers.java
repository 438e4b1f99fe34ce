package org.fieldpost.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.jms.amqp.Delivery;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.selector.Selector;
import org.fieldpost.protocol.selector.SelectorSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers of one {@link JmsSession}: checks what a consumer is created with (destination,
 * selector, subscription name), plans its broker queue with {@link Subscriptions}, starts it with
 * {@code basic.consume}, keeps it by consumer tag, and cancels it.
 *
 * <p>Concurrency: the registry is a concurrent map; the I/O thread looks consumers up by tag
 * ({@link SessionChannelListener}), application threads add and remove them. Creating and cancelling
 * block on broker round trips and must not run on the I/O thread.
 */
final class SessionConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionConsumers.class);

    private final JmsSession session;
    private final ClientChannel channel;
    private final Map<String, JmsMessageConsumer> byTag = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    SessionConsumers(JmsSession session, ClientChannel channel) {
        this.session = session;
        this.channel = channel;
    }

    /** The consumer with this tag, or null. Any thread. */
    JmsMessageConsumer get(String tag) {
        return byTag.get(tag);
    }

    /** A live view of the open consumers. */
    Collection<JmsMessageConsumer> all() {
        return byTag.values();
    }

    /** A plain consumer of a queue, or a non-durable topic subscriber. Blocks. */
    JmsMessageConsumer plain(Destination destination, String selector, boolean noLocal) throws JMSException {
        FieldpostDestination source = checkDestination(destination);
        String filter = checkSelector(selector);
        Subscriptions.Plan plan = Subscriptions.plain(session, source, filter, noLocal);
        return start(source, plan, filter, noLocal, false);
    }

    /** A consumer of a shared subscription, durable or not. Blocks. */
    JmsMessageConsumer shared(Destination topic, String name, String selector, boolean durable) throws JMSException {
        FieldpostDestination source = checkDestination(topic);
        String filter = checkSelector(selector);
        Subscriptions.Plan plan = Subscriptions.shared(session, source, checkName(name), filter, durable);
        return start(source, plan, filter, false, false);
    }

    /** The consumer of an unshared durable subscription. Blocks. */
    JmsMessageConsumer durable(Destination topic, String name, String selector, boolean noLocal)
        throws JMSException {
        FieldpostDestination source = checkDestination(topic);
        String filter = checkSelector(selector);
        Subscriptions.Plan plan = Subscriptions.durable(session, source, checkName(name), filter, noLocal);
        return start(source, plan, filter, noLocal, false);
    }

    /**
     * A browse consumer for {@link JmsQueueBrowser}: x-browse, no-ack, a window of
     * {@link JmsQueueBrowser#WINDOW} copies; ends with the broker's cancel.
     */
    JmsMessageConsumer browse(FieldpostDestination queue, String selector) throws JMSException {
        return start(queue, Subscriptions.browse(queue, selector, JmsQueueBrowser.WINDOW), selector, false, true);
    }

    /** Widens a browser's window by {@code copies} ({@code basic.credit}); does not block. */
    void grantBrowseCredit(JmsMessageConsumer browser, int copies) {
        channel.send(new AmqpBasic.Credit(browser.tag(), copies));
    }

    private JmsMessageConsumer start(FieldpostDestination source, Subscriptions.Plan plan, String selector,
        boolean noLocal, boolean browser) throws JMSException {
        String tag = "fp-" + session.connection().id() + "-" + session.id() + "-" + ids.incrementAndGet();
        JmsMessageConsumer consumer = new JmsMessageConsumer(session, tag, source, plan, selector, noLocal, browser);
        byTag.put(tag, consumer);
        try {
            JmsSession.await(channel.call(new AmqpBasic.Consume(0, plan.queue(), tag, noLocal, browser, false, false,
                plan.consumeArguments())), "basic.consume");
        } catch (JMSException e) {
            byTag.remove(tag);
            throw e;
        }
        return consumer;
    }

    /** Cancels a consumer on the broker and requeues what it had buffered. Blocks. */
    void cancel(JmsMessageConsumer consumer) {
        try {
            if (channel.isOpen()) {
                JmsSession.await(channel.call(new AmqpBasic.Cancel(consumer.tag(), false)), "basic.cancel");
            }
        } catch (JMSException e) {
            LOG.debug("FP-J014 cancel of {} failed", consumer, e);
        }
        byTag.remove(consumer.tag());
        for (Delivery d : consumer.drain()) {
            if (!consumer.isBrowser() && session.dispatcher().tracker().forget(d.deliveryTag())) {
                channel.send(new AmqpBasic.Reject(d.deliveryTag(), true));
            }
        }
    }

    /** The session closes: every consumer is closed without a broker round trip. */
    void closeAll() {
        for (JmsMessageConsumer consumer : List.copyOf(byTag.values())) {
            consumer.closedBySession();
        }
        byTag.clear();
    }

    boolean hasConsumerOn(FieldpostDestination destination) {
        for (JmsMessageConsumer consumer : byTag.values()) {
            if (destination.equals(consumer.destination())) {
                return true;
            }
        }
        return false;
    }

    boolean hasDurableConsumer(String queue) {
        for (JmsMessageConsumer consumer : byTag.values()) {
            if (queue.equals(consumer.plan().queue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A destination a consumer may read.
     *
     * @throws InvalidDestinationException for null, or a temporary destination of another connection
     */
    FieldpostDestination checkDestination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        FieldpostDestination d = FieldpostDestination.from(destination);
        if (d.isTemporary() && !session.connection().owns(d)) {
            throw new InvalidDestinationException("temporary destination " + d.name()
                + " belongs to another connection or was deleted");
        }
        return d;
    }

    /** A subscription name; {@code InvalidDestinationException} when null or empty. */
    static String checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a subscription name must not be null or empty");
        }
        return name;
    }

    /** Validates a selector at creation time; returns it, or null when empty. */
    static String checkSelector(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        try {
            Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            throw JmsExceptionSupport.withCause(new InvalidSelectorException("invalid selector '" + selector + "': "
                + e.getMessage()), e);
        }
        return selector;
    }
}
