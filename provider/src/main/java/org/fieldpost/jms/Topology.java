package org.fieldpost.jms;

import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ChannelListener;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.jms.amqp.ClientConnection;
import org.fieldpost.jms.amqp.IgnoringChannelListener;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.jms.JmsHeaders;
import org.fieldpost.protocol.method.AmqpExchange;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;

/**
 * The broker-side objects a JMS connection needs (docs/protocol.md): the exchanges {@code jms.queues}
 * and {@code jms.topics}, queues for JMS queues, subscription queues and their bindings, the client-id
 * claim. Declared on a control channel of the connection's own, so that a refused declaration (404,
 * 403, 405 close the channel) never kills a session's channel; the control channel is reopened on the
 * next use.
 *
 * <p>Concurrency: thread-safe; RPCs on the control channel are serialized ({@code synchronized}) and
 * block the calling application thread, never the I/O thread.
 */
final class Topology {
    private final ClientConnection amqp;
    private final long timeoutMillis;
    private final Set<String> declaredQueues = ConcurrentHashMap.newKeySet();
    private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();
    private ClientChannel control; // guarded by this

    Topology(ClientConnection amqp, long timeoutMillis) {
        this.amqp = amqp;
        this.timeoutMillis = timeoutMillis;
    }

    /** Declares {@code jms.queues} (direct) and {@code jms.topics} (topic), both durable. */
    void declareStandardExchanges() throws JMSException {
        declareExchange(JmsHeaders.QUEUES_EXCHANGE, JmsHeaders.QUEUES_EXCHANGE_TYPE);
        declareExchange(JmsHeaders.TOPICS_EXCHANGE, JmsHeaders.TOPICS_EXCHANGE_TYPE);
    }

    void declareExchange(String name, String type) throws JMSException {
        if (declaredExchanges.contains(name)) {
            return;
        }
        call(new AmqpExchange.Declare(0, name, type, false, true, false, false, false, Map.of()), "declare exchange "
            + name);
        declaredExchanges.add(name);
    }

    /**
     * Makes sure the broker has what a producer or consumer of {@code destination} needs: the durable queue
     * bound to {@code jms.queues} for a queue, the fanout exchange of a broadcast topic. Temporary queues
     * are left alone: they exist while their connection lives, and being exclusive they cannot even be
     * checked from another connection (405), which may still send to them.
     */
    void ensure(FieldpostDestination destination) throws JMSException {
        switch (destination.kind()) {
            case QUEUE -> declareJmsQueue(destination.name());
            case FANOUT_TOPIC -> declareExchange(destination.name(), "fanout");
            default -> {
            }
        }
    }

    private void declareJmsQueue(String name) throws JMSException {
        if (declaredQueues.contains(name)) {
            return;
        }
        if (name.isBlank() || name.length() > 255 || name.startsWith("amq.")) {
            throw new InvalidDestinationException("invalid queue name '" + name + "'");
        }
        call(new AmqpQueue.Declare(0, name, false, true, false, false, false, Map.of()), "declare queue " + name);
        call(new AmqpQueue.Bind(0, name, JmsHeaders.QUEUES_EXCHANGE, name, false, Map.of()),
            "bind queue " + name);
        declaredQueues.add(name);
    }

    /**
     * Declares temporary topic {@code name}: a fanout exchange with {@code x-exclusive=true}, owned by this
     * connection (docs/protocol.md, "Exchange arguments").
     */
    void declareTemporaryTopic(String name) throws JMSException {
        call(new AmqpExchange.Declare(0, name, "fanout", false, false, false, false, false,
            Map.of(JmsHeaders.X_EXCLUSIVE, Boolean.TRUE)), "declare temporary topic " + name);
    }

    /**
     * Whether the exclusive exchange of a temporary topic that another connection created exists: a passive
     * declare gets 405 RESOURCE_LOCKED while its owner lives and 404 NOT_FOUND once it is gone (either closes the
     * control channel, which is reopened on the next use).
     */
    boolean temporaryTopicExists(String name) throws JMSException {
        try {
            call(new AmqpExchange.Declare(0, name, "fanout", true, false, false, false, false, Map.of()),
                "check temporary topic " + name);
            return true;
        } catch (JMSException e) {
            if (e.getCause() instanceof AmqpException a && a.replyCode() == ReplyCode.RESOURCE_LOCKED) {
                return true;
            }
            if (e.getCause() instanceof AmqpException a && a.replyCode() == ReplyCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes an exchange (a temporary topic). Deleting a missing exchange succeeds. */
    void deleteExchange(String name) throws JMSException {
        call(new AmqpExchange.Delete(0, name, false, false), "delete exchange " + name);
        declaredExchanges.remove(name);
    }

    /** Forgets that a queue was declared (after deleting it). */
    void forget(String queue) {
        declaredQueues.remove(queue);
    }

    /**
     * Passive declare: the queue's message count.
     *
     * @throws InvalidDestinationException if it does not exist
     */
    long checkQueueExists(String name) throws JMSException {
        AmqpQueue.DeclareOk ok = (AmqpQueue.DeclareOk) call(new AmqpQueue.Declare(0, name, true, false, false, false,
            false, Map.of()), "check queue " + name);
        return ok.messageCount();
    }

    /** Declares a queue with the given flags and arguments; returns its (possibly server-chosen) name. */
    String declareQueue(String name, boolean durable, boolean exclusive, boolean autoDelete,
        Map<String, Object> arguments) throws JMSException {
        AmqpQueue.DeclareOk ok = (AmqpQueue.DeclareOk) call(new AmqpQueue.Declare(0, name, false, durable, exclusive,
            autoDelete, false, arguments), "declare queue " + name);
        return ok.queue();
    }

    void bind(String queue, String exchange, String key, Map<String, Object> arguments) throws JMSException {
        call(new AmqpQueue.Bind(0, queue, exchange, key, false, arguments), "bind " + queue + " to " + exchange);
    }

    void unbind(String queue, String exchange, String key, Map<String, Object> arguments) throws JMSException {
        call(new AmqpQueue.Unbind(0, queue, exchange, key, arguments), "unbind " + queue);
    }

    /**
     * Deletes a queue.
     *
     * @throws JMSException the broker's 406 when {@code ifUnused} and a consumer is active
     */
    void deleteQueue(String name, boolean ifUnused) throws JMSException {
        call(new AmqpQueue.Delete(0, name, ifUnused, false, false), "delete queue " + name);
        declaredQueues.remove(name);
    }

    /**
     * Claims JMS client id {@code id} for this connection: the exclusive queue {@code fieldpost.client-id.ID}.
     *
     * @throws InvalidClientIDException if another connection holds it (405 RESOURCE_LOCKED)
     */
    void claimClientId(String id) throws JMSException {
        try {
            call(new AmqpQueue.Declare(0, "fieldpost.client-id." + id, false, false, true, true, false, Map.of()),
                "claim client id " + id);
        } catch (JMSException e) {
            if (e.getCause() instanceof AmqpException a && a.replyCode() == ReplyCode.RESOURCE_LOCKED) {
                throw JmsExceptionSupport.withCause(new InvalidClientIDException("client id '" + id
                    + "' is in use by another connection"), a);
            }
            throw e;
        }
    }

    /** A blocking RPC on the control channel, translated. */
    synchronized AmqpMethod call(AmqpMethod method, String what) throws JMSException {
        return JmsExceptionSupport.await(channel().call(method), timeoutMillis, what);
    }

    private ClientChannel channel() throws JMSException {
        if (control == null || !control.isOpen()) {
            control = JmsExceptionSupport.await(amqp.openChannel(IGNORE), timeoutMillis, "open a channel");
        }
        return control;
    }

    /** The control channel never consumes. */
    private static final ChannelListener IGNORE = new IgnoringChannelListener();

    /** Arguments as a mutable map, for the callers that build them. */
    static Map<String, Object> arguments() {
        return new HashMap<>();
    }
}
