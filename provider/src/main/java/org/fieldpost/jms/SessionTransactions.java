package org.fieldpost.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import java.util.Collection;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.protocol.method.AmqpTx;

/**
 * Acknowledgement and local transactions of one {@link JmsSession}, on its channel: {@code commit} acks
 * the consumed messages and sends {@code tx.commit}; {@code rollback} sends {@code tx.rollback} and
 * redelivers; {@code recover} redelivers; CLIENT_ACKNOWLEDGE acks exactly the consumed messages. The
 * session checks its state and mode before calling in.
 *
 * <p>Concurrency: called on the application's thread (or a listener's); every method but
 * {@link #acknowledge()} blocks on a broker round trip.
 */
final class SessionTransactions {
    private final JmsSession session;
    private final ClientChannel channel;
    private final SessionDispatcher dispatcher;

    SessionTransactions(JmsSession session, ClientChannel channel, SessionDispatcher dispatcher) {
        this.session = session;
        this.channel = channel;
        this.dispatcher = dispatcher;
    }

    /**
     * Acks the consumed messages and commits.
     *
     * @throws TransactionRolledBackException if the broker refused the commit
     */
    void commit() throws JMSException {
        checkFailed();
        dispatcher.sendAcks();
        try {
            JmsSession.await(channel.call(new AmqpTx.Commit()), "tx.commit");
        } catch (JMSException e) {
            throw JmsExceptionSupport.withCause(new TransactionRolledBackException(
                "the transaction was rolled back: " + e.getMessage()), e);
        }
    }

    /** Rolls back and redelivers every unacknowledged message. */
    void rollback(Collection<JmsMessageConsumer> consumers) throws JMSException {
        checkFailed();
        JmsSession.await(channel.call(new AmqpTx.Rollback()), "tx.rollback");
        dispatcher.redeliverUnacknowledged(consumers);
    }

    /** Redelivers every unacknowledged message, oldest first. */
    void recover(Collection<JmsMessageConsumer> consumers) throws JMSException {
        checkFailed();
        dispatcher.redeliverUnacknowledged(consumers);
    }

    /** CLIENT_ACKNOWLEDGE: acks exactly the messages consumed so far. Does not block. */
    void acknowledge() throws JMSException {
        checkFailed();
        dispatcher.sendAcks();
    }

    private void checkFailed() throws JMSException {
        JMSException f = session.failure();
        if (f != null) {
            throw f;
        }
        if (!channel.isOpen()) {
            AmqpException cause = channel.failure();
            throw cause != null ? JmsExceptionSupport.toJms(cause)
                : new JMSException("the session's channel is closed");
        }
    }
}
