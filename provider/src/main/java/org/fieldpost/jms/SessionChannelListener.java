package org.fieldpost.jms;

import java.util.ArrayList;
import java.util.List;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ChannelListener;
import org.fieldpost.jms.amqp.Delivery;
import org.fieldpost.protocol.method.AmqpBasic;

/**
 * A session channel's asynchronous traffic, on the I/O thread: it only records delivery tags and queues
 * deliveries into the consumers' buffers, never blocks and never calls the application. A consumer
 * is woken (its receiver, or its listener's dispatch) once at the end of the read that brought its
 * deliveries, not per delivery.
 */
final class SessionChannelListener implements ChannelListener {
    private volatile JmsSession session;
    /** Consumers given deliveries in the current read, not yet told; I/O thread only. */
    private final List<JmsMessageConsumer> arrived = new ArrayList<>();

    void attach(JmsSession owner) {
        this.session = owner;
    }

    @Override
    public void onDelivery(Delivery delivery) {
        JmsSession s = session;
        if (s == null) {
            return;
        }
        JmsMessageConsumer consumer = s.consumer(delivery.consumerTag());
        if (consumer == null) {
            // Its consumer is gone (closed between cancel and cancel-ok): give the message back.
            s.channel().send(new AmqpBasic.Reject(delivery.deliveryTag(), true));
            return;
        }
        if (!consumer.isBrowser()) {
            s.dispatcher().tracker().received(delivery.deliveryTag(), delivery.epoch());
        }
        if (consumer.append(delivery)) {
            arrived.add(consumer);
        }
    }

    @Override
    public void onDeliveriesEnd() {
        for (JmsMessageConsumer consumer : arrived) {
            consumer.signalArrivals();
        }
        arrived.clear();
    }

    @Override
    public void onCancel(String consumerTag) {
        JmsSession s = session;
        JmsMessageConsumer consumer = s == null ? null : s.consumer(consumerTag);
        if (consumer != null) {
            consumer.cancelledByBroker();
        }
    }

    @Override
    public void onClosed(AmqpException cause) {
        JmsSession s = session;
        if (s != null) {
            s.channelFailed(cause);
        }
    }
}
