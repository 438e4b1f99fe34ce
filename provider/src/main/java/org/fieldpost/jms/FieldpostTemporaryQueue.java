package org.fieldpost.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A temporary queue: an exclusive auto-delete queue named {@code fieldpost.tmp.<uuid>} (or a
 * broker-named {@code amq.gen-} queue), reached through the default exchange so plain AMQP clients
 * can reply to it. Its address is its plain name. Thread-safe (immutable).
 */
public final class FieldpostTemporaryQueue extends FieldpostDestination implements TemporaryQueue {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /**
     * @param owner the creating connection; {@code null} for a destination rebuilt from an address,
     *     a received message or a JNDI reference, which cannot be deleted
     * @throws IllegalArgumentException if the name is {@code null} or empty
     */
    public FieldpostTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    /** The connection that created this queue, or {@code null} when unknown here. */
    public TemporaryDestinationOwner owner() {
        return owner;
    }

    @Override
    public String getQueueName() {
        return name();
    }

    /**
     * Deletes the queue through its owner.
     *
     * @throws JMSException if this object has no owner (not created by a connection of this JVM), or
     *     as {@link TemporaryDestinationOwner#deleteTemporary}
     */
    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new JMSException("temporary queue " + name()
                + " can only be deleted by the connection that created it");
        }
        owner.deleteTemporary(this);
    }

    @Override
    public Kind kind() {
        return Kind.TEMPORARY_QUEUE;
    }

    @Override
    public String exchange() {
        return "";
    }

    @Override
    public String routingKey() {
        return name();
    }

    /** The plain name, unless it would not read as a temporary queue: then {@code temp-queue://NAME}. */
    @Override
    public String toAddress() {
        return isTemporaryName(name()) && !hasScheme(name()) ? name() : TEMP_QUEUE_SCHEME + name();
    }
}
