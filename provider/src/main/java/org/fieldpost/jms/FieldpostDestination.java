package org.fieldpost.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import java.io.Serializable;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A Fieldpost destination: a kind and a name, and where the AMQP producer publishes a message for
 * it (see docs/protocol.md "Names" and "Destination strings").
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>kind</th><th>{@link #exchange()}</th><th>{@link #routingKey()}</th><th>{@link #toAddress()}</th></tr>
 *   <tr><td>queue</td><td>{@code jms.queues}</td><td>name</td><td>name</td></tr>
 *   <tr><td>topic</td><td>{@code jms.topics}</td><td>name</td><td>{@code topic://name}</td></tr>
 *   <tr><td>fanout topic</td><td>name</td><td>{@code ""}</td><td>{@code fanout://name}</td></tr>
 *   <tr><td>temporary queue</td><td>{@code ""} (default exchange)</td><td>name</td><td>name</td></tr>
 *   <tr><td>temporary topic</td><td>name (fanout)</td><td>{@code ""}</td><td>{@code temp-topic://name}</td></tr>
 * </table>
 *
 * <p>Destinations are immutable values: equal when kind and name are equal (a temporary
 * destination's owner takes no part). Thread-safe.
 */
public abstract class FieldpostDestination implements Destination, Serializable, Referenceable {
    /** The direct exchange JMS queues are bound to ({@link JmsHeaders#QUEUES_EXCHANGE}). */
    public static final String QUEUES_EXCHANGE = JmsHeaders.QUEUES_EXCHANGE;
    /** The topic exchange of JMS topics ({@link JmsHeaders#TOPICS_EXCHANGE}). */
    public static final String TOPICS_EXCHANGE = JmsHeaders.TOPICS_EXCHANGE;
    /** Name prefix of Fieldpost's temporary queues and topics. */
    public static final String TEMPORARY_PREFIX = "fieldpost.tmp.";
    /** Name prefix of the broker's server-named queues, which the provider treats as temporary queues. */
    public static final String SERVER_NAMED_PREFIX = "amq.gen-";

    static final String TOPIC_SCHEME = "topic://";
    static final String FANOUT_SCHEME = "fanout://";
    static final String TEMP_TOPIC_SCHEME = "temp-topic://";
    static final String QUEUE_SCHEME = "queue://";
    static final String TEMP_QUEUE_SCHEME = "temp-queue://";

    static final String REF_KIND = "kind";
    static final String REF_NAME = "name";

    private static final long serialVersionUID = 1L;

    /** What a destination is; decides its exchange, routing key and address. */
    public enum Kind {
        QUEUE, TOPIC, FANOUT_TOPIC, TEMPORARY_QUEUE, TEMPORARY_TOPIC
    }

    private final String name;

    FieldpostDestination(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a destination name must not be null or empty");
        }
        this.name = name;
    }

    /** The queue or topic name. */
    public final String name() {
        return name;
    }

    /** What this destination is. */
    public abstract Kind kind();

    /** The exchange a producer publishes to for this destination ({@code ""} is the default exchange). */
    public abstract String exchange();

    /** The routing key a producer publishes with. */
    public abstract String routingKey();

    /** True for queues (temporary or not), false for topics. */
    public final boolean isQueue() {
        return kind() == Kind.QUEUE || kind() == Kind.TEMPORARY_QUEUE;
    }

    /** True for temporary queues and topics. */
    public final boolean isTemporary() {
        return kind() == Kind.TEMPORARY_QUEUE || kind() == Kind.TEMPORARY_TOPIC;
    }

    /**
     * The destination string of docs/protocol.md, as carried in {@code reply-to} and
     * {@code x-jms-destination}. A queue whose plain name would read as another kind (it starts with a
     * scheme, or is a queue named like a temporary one, or the reverse) is written {@code queue://NAME}
     * or {@code temp-queue://NAME}, so that {@link #fromAddress} always returns an equal destination.
     */
    public abstract String toAddress();

    /**
     * Parses a destination string: a plain name is a queue (a temporary queue when it starts with
     * {@value #SERVER_NAMED_PREFIX} or {@value #TEMPORARY_PREFIX}); {@code topic://NAME},
     * {@code fanout://NAME} and {@code temp-topic://NAME} are topics. {@code queue://NAME} and
     * {@code temp-queue://NAME} are accepted as explicit spellings of the queue kinds.
     *
     * @return {@code null} for a {@code null} address; a temporary destination has no owner
     * @throws IllegalArgumentException if a scheme is followed by an empty name, or the address is empty
     */
    public static FieldpostDestination fromAddress(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith(TOPIC_SCHEME)) {
            return new FieldpostTopic(address.substring(TOPIC_SCHEME.length()));
        }
        if (address.startsWith(FANOUT_SCHEME)) {
            return FieldpostTopic.fanout(address.substring(FANOUT_SCHEME.length()));
        }
        if (address.startsWith(TEMP_TOPIC_SCHEME)) {
            return new FieldpostTemporaryTopic(address.substring(TEMP_TOPIC_SCHEME.length()), null);
        }
        if (address.startsWith(TEMP_QUEUE_SCHEME)) {
            return new FieldpostTemporaryQueue(address.substring(TEMP_QUEUE_SCHEME.length()), null);
        }
        if (address.startsWith(QUEUE_SCHEME)) {
            return new FieldpostQueue(address.substring(QUEUE_SCHEME.length()));
        }
        if (isTemporaryName(address)) {
            return new FieldpostTemporaryQueue(address, null);
        }
        return new FieldpostQueue(address);
    }

    /** Rebuilds a destination from its kind and name; a temporary destination has no owner. */
    public static FieldpostDestination of(Kind kind, String name) {
        return switch (kind) {
            case QUEUE -> new FieldpostQueue(name);
            case TOPIC -> new FieldpostTopic(name);
            case FANOUT_TOPIC -> FieldpostTopic.fanout(name);
            case TEMPORARY_QUEUE -> new FieldpostTemporaryQueue(name, null);
            case TEMPORARY_TOPIC -> new FieldpostTemporaryTopic(name, null);
        };
    }

    /**
     * Converts any JMS destination, e.g. another provider's, to a Fieldpost one by its type and name
     * (a foreign temporary destination keeps its kind but has no owner; a foreign queue whose name
     * has a temporary prefix becomes a temporary queue, as its address would).
     *
     * @return {@code null} for {@code null}; the argument itself when it already is a Fieldpost destination
     * @throws InvalidDestinationException if the destination is neither a Queue nor a Topic, or has no name
     */
    public static FieldpostDestination from(Destination destination) throws JMSException {
        if (destination == null || destination instanceof FieldpostDestination) {
            return (FieldpostDestination) destination;
        }
        try {
            if (destination instanceof TemporaryQueue queue) {
                return new FieldpostTemporaryQueue(queue.getQueueName(), null);
            }
            if (destination instanceof TemporaryTopic topic) {
                return new FieldpostTemporaryTopic(topic.getTopicName(), null);
            }
            if (destination instanceof Queue queue) {
                String name = queue.getQueueName();
                return isTemporaryName(name) ? new FieldpostTemporaryQueue(name, null) : new FieldpostQueue(name);
            }
            if (destination instanceof Topic topic) {
                return new FieldpostTopic(topic.getTopicName());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException("destination " + destination + " has no name");
        }
        throw new InvalidDestinationException("destination " + destination + " is neither a Queue nor a Topic");
    }

    /** True when {@code name} starts with one of the destination string schemes. */
    static boolean hasScheme(String name) {
        return name.startsWith(TOPIC_SCHEME) || name.startsWith(FANOUT_SCHEME) || name.startsWith(TEMP_TOPIC_SCHEME)
            || name.startsWith(QUEUE_SCHEME) || name.startsWith(TEMP_QUEUE_SCHEME);
    }

    static boolean isTemporaryName(String name) {
        return name.startsWith(TEMPORARY_PREFIX) || name.startsWith(SERVER_NAMED_PREFIX);
    }

    /** A JNDI reference that {@link FieldpostDestinationFactory} turns back into an equal destination. */
    @Override
    public Reference getReference() {
        Reference reference = new Reference(getClass().getName(), FieldpostDestinationFactory.class.getName(), null);
        reference.add(new StringRefAddr(REF_KIND, kind().name()));
        reference.add(new StringRefAddr(REF_NAME, name));
        return reference;
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof FieldpostDestination that && kind() == that.kind() && name.equals(that.name);
    }

    @Override
    public final int hashCode() {
        return kind().hashCode() * 31 + name.hashCode();
    }

    /** The destination string, see {@link #toAddress()}. */
    @Override
    public String toString() {
        return toAddress();
    }
}
