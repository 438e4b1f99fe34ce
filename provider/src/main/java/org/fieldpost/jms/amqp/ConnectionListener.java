package org.fieldpost.jms.amqp;

/**
 * Events of a {@link ClientConnection} that nobody asked for.
 *
 * <p>Threading: every method is called on the connection's I/O thread. Implementations must return
 * quickly, must not block and must never run application code there: hand the event to another
 * thread (the JMS connection does, for its {@code ExceptionListener}).
 */
public interface ConnectionListener {

    /**
     * The connection failed: the broker closed it with an error, the socket broke, or heartbeats
     * stopped. Called at most once per connection and never after an orderly
     * {@link ClientConnection#close()}. Every channel has already been failed with the same exception.
     */
    void onFailure(AmqpException failure);

    /** The broker stopped reading publishes ({@code connection.blocked}). */
    default void onBlocked(String reason) {
    }

    /** The broker resumed reading publishes ({@code connection.unblocked}). */
    default void onUnblocked() {
    }
}
