package org.fieldpost.jms.amqp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One AMQP 0-9-1 connection to a broker, open and tuned. Obtain one with
 * {@link NettyConnection#connect(AmqpConnectionOptions, ConnectionListener)}.
 *
 * <p>Concurrency: thread-safe. No method blocks; futures complete on the connection's I/O thread, so
 * callers must not run application code in their dependent stages either (use the async variants
 * with an executor, or {@code join} on a non-I/O thread).
 */
public interface ClientConnection {

    /**
     * Opens a channel on the next free channel number.
     *
     * <p>Does not block. The future completes on the I/O thread after {@code channel.open-ok}, or
     * fails with {@link AmqpException} (no free channel number, the connection is closed, the broker
     * refused).
     *
     * @param listener receives the channel's deliveries, cancels and closure, on the I/O thread
     */
    CompletableFuture<ClientChannel> openChannel(ChannelListener listener);

    /**
     * Closes the connection with the {@code connection.close}/{@code close-ok} handshake, then the
     * socket. Idempotent: later calls return the same future.
     *
     * <p>Does not block. The future completes on the I/O thread when the socket is closed; it never
     * fails (a broker that does not answer within the close timeout gets its socket closed).
     * Every open channel is failed with a connection-level {@link AmqpException} without calling
     * their listeners' {@code onClosed}, and the {@link ConnectionListener} is not called.
     */
    CompletableFuture<Void> close();

    /** Whether the connection is usable (open, not closing, not failed). Does not block. */
    boolean isOpen();

    /** The failure that ended the connection, or {@code null} while it is open or after an orderly close. */
    AmqpException failure();

    /** Whether the broker blocked publishers ({@code connection.blocked}) and has not unblocked them yet. */
    boolean isBlocked();

    /**
     * Producer flow control: whether publishes may go out now. The future is already complete while
     * the broker has not blocked the connection and the client's outbound buffers (Netty's, and the
     * publishes queued for the I/O thread) are under their high water mark; otherwise it completes
     * once the broker sent {@code connection.unblocked} and the buffers drained under their low water
     * mark. It fails with {@link AmqpException} when the connection closes or fails (at once if it
     * already has).
     *
     * <p>Does not block; the future completes on the I/O thread. {@link ClientChannel#publish} does
     * not wait for it: a publisher that must bound its memory waits for this future first, on its own
     * thread, never on the I/O thread.
     */
    CompletableFuture<Void> whenPublishable();

    /** The server properties from {@code connection.start}; never {@code null}. */
    Map<String, Object> serverProperties();

    /** The negotiated frame-max in octets (0: no limit). */
    long frameMax();

    /** The negotiated heartbeat interval in seconds (0: none). */
    int heartbeatSeconds();

    /** Whether the calling thread is this connection's I/O thread (where no blocking is allowed). */
    boolean inIoThread();
}
