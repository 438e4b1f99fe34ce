package org.fieldpost.jms.amqp;

/**
 * A {@link ChannelListener} that ignores all traffic: for a channel that never consumes (the JMS
 * provider's control channel, which only declares and deletes). Subclasses override what they want to
 * hear of.
 *
 * <p>Threading: as {@link ChannelListener}; stateless.
 */
public class IgnoringChannelListener implements ChannelListener {

    @Override
    public void onDelivery(Delivery delivery) {
    }

    @Override
    public void onCancel(String consumerTag) {
    }

    @Override
    public void onClosed(AmqpException cause) {
    }
}
