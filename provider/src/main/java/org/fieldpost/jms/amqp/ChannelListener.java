package org.fieldpost.jms.amqp;

/**
 * Asynchronous traffic of one {@link ClientChannel}: deliveries, server-initiated cancels, the end of
 * the channel.
 *
 * <p>Threading: every method is called on the connection's I/O thread, in the order the frames
 * arrived. Implementations must return quickly, must not block and must never run application code
 * there: they queue the event for the session's own delivery thread.
 */
public interface ChannelListener {

    /** A {@code basic.deliver} with its content. */
    void onDelivery(Delivery delivery);

    /**
     * The socket read that brought one or more {@link #onDelivery} calls on this channel is over.
     * An implementation may hand deliveries over quietly and wake whoever waits for them only here:
     * a read of a hundred messages then costs one wake-up, not a hundred (each a switch to the
     * waiting thread and back). Called once per read, after its last delivery, and also when the
     * socket closes after deliveries that no read end followed.
     */
    default void onDeliveriesEnd() {
    }

    /**
     * The broker cancelled consumer {@code consumerTag} ({@code basic.cancel} from the server: the
     * queue was deleted, or a browser reached the end of its queue).
     */
    void onCancel(String consumerTag);

    /**
     * The channel is closed and unusable: by the broker ({@code channel.close} with an error), or
     * because the connection failed. Not called after an orderly {@link ClientChannel#close()}.
     * Pending calls have already been failed with {@code cause}.
     */
    void onClosed(AmqpException cause);
}
