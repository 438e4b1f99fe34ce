package org.fieldpost.jms;

import jakarta.jms.Queue;

/**
 * A JMS queue: the AMQP queue of the same name, bound to {@code jms.queues} with its name as key.
 * Thread-safe (immutable).
 */
public final class FieldpostQueue extends FieldpostDestination implements Queue {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if the name is {@code null} or empty
     */
    public FieldpostQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public Kind kind() {
        return Kind.QUEUE;
    }

    @Override
    public String exchange() {
        return QUEUES_EXCHANGE;
    }

    @Override
    public String routingKey() {
        return name();
    }

    /** The plain name, unless it would read as another kind: then {@code queue://NAME}. */
    @Override
    public String toAddress() {
        return hasScheme(name()) || isTemporaryName(name()) ? QUEUE_SCHEME + name() : name();
    }
}
