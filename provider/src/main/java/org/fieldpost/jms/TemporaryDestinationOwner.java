package org.fieldpost.jms;

import jakarta.jms.JMSException;

/**
 * The connection that created a temporary destination; it alone may consume from and delete it.
 * Implemented by the connection.
 */
public interface TemporaryDestinationOwner {
    /**
     * Deletes the temporary destination on the broker. Blocks until the broker confirms; called on
     * the application's thread by {@code TemporaryQueue.delete()} / {@code TemporaryTopic.delete()}.
     *
     * @throws JMSException if the destination is still in use by a consumer, the connection is closed,
     *     or the broker refuses
     */
    void deleteTemporary(FieldpostDestination destination) throws JMSException;

    /** True when this connection created {@code destination} and has not deleted it. Does not block. */
    boolean owns(FieldpostDestination destination);
}
