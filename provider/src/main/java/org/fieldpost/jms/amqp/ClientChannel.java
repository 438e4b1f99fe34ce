package org.fieldpost.jms.amqp;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * One AMQP channel of a {@link ClientConnection}.
 *
 * <p>Synchronous AMQP methods go through {@link #call}: the returned future completes with the
 * matching reply (replies arrive in request order on a channel, so a FIFO of continuations suffices).
 * A {@code channel.close} from the broker fails every pending future with a channel-level
 * {@link AmqpException} carrying the reply code; a connection failure fails them with a
 * connection-level one.
 *
 * <p>Concurrency: thread-safe. No method blocks; all channel state is confined to the connection's
 * I/O thread and every method only posts a task there, so frames leave in the order the methods were
 * called from any one thread. Futures complete on the I/O thread: do not block in their dependent
 * stages.
 */
public interface ClientChannel {

    /** The channel number. */
    int number();

    /**
     * Sends a synchronous method (one that has a reply: {@code queue.declare}, {@code basic.consume},
     * {@code tx.commit}, ...) and returns its reply.
     *
     * <p>Does not block. Completes on the I/O thread with the reply method; fails with
     * {@link AmqpException} if the channel or connection closes first. A method sent with
     * {@code nowait} has no reply: use {@link #send} for it.
     */
    CompletableFuture<AmqpMethod> call(AmqpMethod method);

    /**
     * Like {@link #call(AmqpMethod)}, casting the reply.
     *
     * <p>Fails with {@link AmqpException} as above, or {@link ClassCastException} if the broker answered
     * with another method (a protocol violation).
     */
    default <T extends AmqpMethod> CompletableFuture<T> call(AmqpMethod method, Class<T> reply) {
        return call(method).thenApply(reply::cast);
    }

    /**
     * Sends a method that has no reply ({@code basic.ack}, {@code basic.nack}, {@code basic.reject},
     * nowait variants). Does not block; silently dropped if the channel is already closed (the
     * broker requeues unacknowledged deliveries of a closed channel anyway).
     */
    void send(AmqpMethod method);

    /**
     * Sends methods that have no reply, computed on the I/O thread just before they are written, so that
     * requests made until then can be merged into them. {@code methods} is called exactly once (also when
     * the channel is closed by then; its result is dropped). Does not block.
     */
    void sendComputed(Supplier<? extends Collection<? extends AmqpMethod>> methods);

    /**
     * Puts the channel into publisher-confirm mode ({@code confirm.select}). Does not block; completes
     * on the I/O thread after {@code confirm.select-ok}.
     */
    CompletableFuture<Void> enableConfirms();

    /**
     * Publishes a message ({@code basic.publish}, not mandatory).
     *
     * <p>Does not block. In confirm mode, the future completes on the I/O thread when the broker
     * acknowledges the message ({@code basic.ack}, possibly {@code multiple}) and fails with an
     * {@link AmqpException} (reply code 406... as text "nack") on {@code basic.nack} or if the channel
     * closes before the confirm. Without confirm mode, it completes once the frames are written to the
     * socket.
     *
     * <p>Ignores flow control: the frames queue in memory while the connection is blocked or the socket
     * is full. Wait for {@link ClientConnection#whenPublishable()} before publishing to bound that.
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, BasicProperties properties, byte[] body);

    /**
     * {@code basic.recover requeue=true}: the broker requeues every unacknowledged delivery of the
     * channel (consumed or merely prefetched), to its original queue position and flagged redelivered.
     *
     * <p>Does not block. Before completing the future (on the I/O thread, after {@code recover-ok}), the
     * channel increments its {@link #epoch()}: deliveries that arrived before carry the old epoch and
     * must be dropped by the receiver, since the broker has requeued them.
     */
    CompletableFuture<Void> recover();

    /** The recovery epoch: how many {@link #recover()} calls have completed. Readable from any thread. */
    int epoch();

    /**
     * Closes the channel ({@code channel.close} 200 / {@code close-ok}). Idempotent. Does not block;
     * completes on the I/O thread when the broker confirmed the close (or immediately if the channel is
     * already closed). Never fails. Pending calls fail with a channel-level {@link AmqpException}; the
     * listener's {@code onClosed} is not called.
     */
    CompletableFuture<Void> close();

    /** Whether the channel is open (not closing, not closed by the broker, connection alive). */
    boolean isOpen();

    /** Why the broker or the connection closed the channel, or {@code null}. */
    AmqpException failure();
}
