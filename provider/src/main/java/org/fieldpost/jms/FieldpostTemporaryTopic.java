package org.fieldpost.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;

/**
 * A temporary topic: the fanout exchange {@code fieldpost.tmp.<uuid>}, declared {@code x-exclusive} by the
 * owning connection, so that only that connection's subscribers can bind their queues to it (the broker refuses
 * others with 405) and the broker deletes it when the connection closes; any connection may publish to it.
 * Fanout rather than topic: a temporary topic is one topic, not a tree of them, so there are no keys to match
 * and publishers need none, as for a broadcast topic. Address {@code temp-topic://NAME}. Thread-safe (immutable).
 */
public final class FieldpostTemporaryTopic extends FieldpostDestination implements TemporaryTopic {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /**
     * @param owner the creating connection; {@code null} for a destination rebuilt from an address,
     *     a received message or a JNDI reference, which cannot be deleted
     * @throws IllegalArgumentException if the name is {@code null} or empty
     */
    public FieldpostTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    /** The connection that created this topic, or {@code null} when unknown here. */
    public TemporaryDestinationOwner owner() {
        return owner;
    }

    @Override
    public String getTopicName() {
        return name();
    }

    /**
     * Deletes the topic through its owner.
     *
     * @throws JMSException if this object has no owner (not created by a connection of this JVM), or
     *     as {@link TemporaryDestinationOwner#deleteTemporary}
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new JMSException("temporary topic " + name()
                + " can only be deleted by the connection that created it");
        }
        owner.deleteTemporary(this);
    }

    @Override
    public Kind kind() {
        return Kind.TEMPORARY_TOPIC;
    }

    @Override
    public String exchange() {
        return name();
    }

    @Override
    public String routingKey() {
        return "";
    }

    @Override
    public String toAddress() {
        return TEMP_TOPIC_SCHEME + name();
    }
}
