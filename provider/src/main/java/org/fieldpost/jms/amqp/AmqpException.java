package org.fieldpost.jms.amqp;

import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ReplyCode;

/**
 * A failure of the AMQP client: either a protocol error received from (or sent to) the broker, with
 * its reply code, or a transport failure (I/O error, timeout, closed socket) carried as the cause.
 *
 * <p>{@link #connectionLevel()} tells whether the whole connection is gone or only one channel.
 * Unchecked, because it travels inside {@link java.util.concurrent.CompletableFuture}s; the JMS layer
 * translates it once into a {@code JMSException}.
 */
public final class AmqpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;
    private final boolean connectionLevel;

    /** A protocol error; connection-level when it arrived as (or caused) a {@code connection.close}. */
    public AmqpException(ProtocolError error, boolean connectionLevel) {
        super(error.toString());
        this.error = error;
        this.connectionLevel = connectionLevel;
    }

    /** A transport failure of the whole connection. */
    public AmqpException(String message, Throwable cause) {
        super(message, cause);
        this.error = null;
        this.connectionLevel = true;
    }

    /** The reply code and text, or {@code null} for a transport failure. */
    public ProtocolError error() {
        return error;
    }

    /** The reply code, or {@code null} for a transport failure. */
    public ReplyCode replyCode() {
        return error == null ? null : error.code();
    }

    /** Whether the connection is lost (rather than one channel). */
    public boolean connectionLevel() {
        return connectionLevel;
    }
}
