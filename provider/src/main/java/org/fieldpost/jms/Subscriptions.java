package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.Map;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.jms.JmsHeaders;
import org.fieldpost.protocol.method.AmqpExchange;

/**
 * Which broker queue a JMS consumer reads, created as docs/protocol.md says:
 * <ul>
 *   <li>a Queue {@code Q}: the durable queue {@code Q} bound to {@code jms.queues}; a selector is the
 *       consumer argument {@code x-selector};</li>
 *   <li>a non-durable topic subscriber: an exclusive auto-delete server-named queue bound to the
 *       topic's exchange with the topic as key ({@code x-selector} as binding argument,
 *       {@code x-no-local} as queue argument);</li>
 *   <li>durable: {@code jms.durable.CLIENTID.NAME}; shared: {@code jms.shared.CLIENTID.NAME}
 *       (auto-delete); shared durable: {@code jms.shared-durable.CLIENTID.NAME}.</li>
 * </ul>
 *
 * <p>Spec 6.11.1 (a durable subscription whose topic, selector or noLocal changes is deleted and
 * recreated): AMQP cannot read a queue's bindings back, so each durable subscription has a companion
 * durable internal fanout exchange of the same name whose argument {@code x-jms-subscription} records
 * topic, selector and noLocal. Re-declaring it with different arguments fails with 406, which tells the
 * provider to delete and recreate the subscription, refused while it has an active consumer. A shared
 * non-durable subscription has one too (Javadoc of createSharedConsumer: another topic or selector while
 * it has consumers is a JMSException), auto-delete and bound to the queue, so it goes with the queue.
 */
final class Subscriptions {
    /** Exchange argument of a subscription's signature exchange: topic, selector and noLocal. Provider-only. */
    private static final String SIGNATURE = "x-jms-subscription";

    private Subscriptions() {
    }

    /**
     * The queue to consume and the {@code basic.consume} arguments.
     *
     * @param queue the queue name
     * @param consumeArguments arguments of basic.consume
     */
    record Plan(String queue, Map<String, Object> consumeArguments) {
    }

    /** A plain consumer of a queue or a non-durable topic subscriber. */
    static Plan plain(JmsSession session, FieldpostDestination destination, String selector, boolean noLocal)
        throws JMSException {
        Topology topology = session.connection().topology();
        if (destination.isQueue()) {
            topology.ensure(destination);
            return new Plan(destination.name(), selector == null ? Map.of() : Map.of(JmsHeaders.X_SELECTOR, selector));
        }
        topology.ensure(destination);
        Map<String, Object> queueArguments = noLocal ? Map.of(JmsHeaders.X_NO_LOCAL, Boolean.TRUE) : Map.of();
        String queue = topology.declareQueue("", false, true, true, queueArguments);
        topology.bind(queue, destination.exchange(), destination.routingKey(), bindingArguments(selector));
        return new Plan(queue, Map.of());
    }

    /** A browser of a queue. */
    static Plan browse(FieldpostDestination queue, String selector, int window) {
        return new Plan(queue.name(), selector == null
            ? Map.of(JmsHeaders.X_BROWSE, Boolean.TRUE, JmsHeaders.X_BROWSE_CREDIT, window)
            : Map.of(JmsHeaders.X_BROWSE, Boolean.TRUE, JmsHeaders.X_BROWSE_CREDIT, window,
                JmsHeaders.X_SELECTOR, selector));
    }

    /** An unshared durable subscription; needs a client id. */
    static Plan durable(JmsSession session, FieldpostDestination topic, String name, String selector,
        boolean noLocal) throws JMSException {
        String clientId = session.connection().getClientID();
        if (clientId == null) {
            throw new IllegalStateException("a durable subscription needs a client id on the connection");
        }
        if (topic.isQueue()) {
            throw new InvalidDestinationException("a durable subscription needs a topic, not " + topic);
        }
        String queue = "jms.durable." + clientId + "." + name;
        for (JmsSession s : session.connection().sessions()) {
            if (s.hasDurableConsumer(queue)) {
                throw new IllegalStateException("durable subscription " + name + " already has an active consumer");
            }
        }
        return subscription(session, topic, queue, selector, noLocal, true, false);
    }

    /** A shared subscription, durable or not. */
    static Plan shared(JmsSession session, FieldpostDestination topic, String name, String selector, boolean durable)
        throws JMSException {
        if (topic.isQueue()) {
            throw new InvalidDestinationException("a shared subscription needs a topic, not " + topic);
        }
        String clientId = session.connection().getClientID();
        String queue = (durable ? "jms.shared-durable." : "jms.shared.") + (clientId == null ? "" : clientId) + "."
            + name;
        return subscription(session, topic, queue, selector, false, durable, true);
    }

    private static Plan subscription(JmsSession session, FieldpostDestination topic, String queue, String selector,
        boolean noLocal, boolean durable, boolean shared) throws JMSException {
        Topology topology = session.connection().topology();
        topology.ensure(topic);
        String signature = topic.toAddress() + "|" + (selector == null ? "" : selector) + "|" + noLocal;
        if (!declareSignature(topology, queue, signature, durable)) {
            // The subscription changed: delete and recreate it (refused while a consumer is active).
            try {
                topology.deleteQueue(queue, true);
            } catch (JMSException e) {
                throw JmsExceptionSupport.withCause(new IllegalStateException("subscription " + queue
                    + " has active consumers and cannot change its topic or selector"), e);
            }
            topology.call(new AmqpExchange.Delete(0, queue, false, false), "delete " + queue);
            declareSignature(topology, queue, signature, durable);
        }
        Map<String, Object> queueArguments = noLocal ? Map.of(JmsHeaders.X_NO_LOCAL, Boolean.TRUE) : Map.of();
        topology.declareQueue(queue, durable, false, !durable, queueArguments);
        topology.bind(queue, topic.exchange(), topic.routingKey(), bindingArguments(selector));
        if (!durable) {
            // Bound to its auto-delete signature exchange, the queue takes it along when it goes.
            topology.bind(queue, queue, "", Map.of());
        }
        return new Plan(queue, Map.of());
    }

    /**
     * Declares the signature exchange; false if one with another signature exists. A durable
     * subscription's is durable; a non-durable (shared) one's is auto-delete, bound to the queue.
     */
    private static boolean declareSignature(Topology topology, String queue, String signature, boolean durable)
        throws JMSException {
        try {
            topology.call(new AmqpExchange.Declare(0, queue, "fanout", false, durable, !durable, true, false,
                Map.of(SIGNATURE, signature)), "declare subscription " + queue);
            return true;
        } catch (JMSException e) {
            if (e.getCause() instanceof AmqpException a && a.replyCode() == ReplyCode.PRECONDITION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Deletes durable subscription {@code name} of the connection's client id (unshared or shared).
     *
     * @throws InvalidDestinationException if there is no such subscription
     * @throws JMSException if it has an active consumer
     */
    static void unsubscribe(JmsSession session, String name) throws JMSException {
        String clientId = session.connection().getClientID();
        String id = clientId == null ? "" : clientId;
        Topology topology = session.connection().topology();
        for (String queue : new String[] {"jms.durable." + id + "." + name, "jms.shared-durable." + id + "." + name}) {
            for (JmsSession s : session.connection().sessions()) {
                if (s.hasDurableConsumer(queue)) {
                    throw new IllegalStateException("durable subscription " + name + " has an active subscriber");
                }
            }
            try {
                topology.checkQueueExists(queue);
            } catch (InvalidDestinationException e) {
                continue;
            }
            try {
                topology.deleteQueue(queue, true);
            } catch (JMSException e) {
                throw JmsExceptionSupport.withCause(new IllegalStateException("durable subscription " + name
                    + " has an active subscriber"), e);
            }
            topology.call(new AmqpExchange.Delete(0, queue, false, false), "delete " + queue);
            return;
        }
        throw new InvalidDestinationException("no durable subscription " + name + " for client id '" + id + "'");
    }

    private static Map<String, Object> bindingArguments(String selector) {
        return selector == null ? Map.of() : Map.of(JmsHeaders.X_SELECTOR, selector);
    }
}
