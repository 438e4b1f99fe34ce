package org.fieldpost.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@code Message.acknowledge()} does for a received message; set by the session on every
 * message it delivers in CLIENT_ACKNOWLEDGE mode. Messages the application creates have none.
 */
public interface MessageAcknowledger {
    /**
     * Acknowledges the messages the session has consumed, per the session's acknowledge mode. Called
     * on the application's thread; may block until the broker has the acks.
     *
     * @throws JMSException as {@code Message.acknowledge()}: IllegalStateException when the session
     *     is closed, JMSException on a failure to send the acks
     */
    void acknowledge() throws JMSException;
}
