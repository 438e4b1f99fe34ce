package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Priority queues (RabbitMQ's x-max-priority): higher priority first, FIFO within one priority; a missing
 * priority counts as 0 and priorities above the maximum count as the maximum.
 */
class PriorityTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    @Test
    void higherPriorityFirstAndFifoWithinAPriority() throws Exception {
        String queue = declare(10);

        publish(queue, 1, "low-a");
        publish(queue, 5, "mid-a");
        publish(queue, 9, "high");
        publish(queue, 5, "mid-b");
        publish(queue, 1, "low-b");
        publishConfirmed(channel, "", queue, "none");

        assertThat(Messages.drain(channel, queue))
            .containsExactly("high", "mid-a", "mid-b", "low-a", "low-b", "none");
    }

    @Test
    void consumerReceivesQueuedMessagesByPriority() throws Exception {
        String queue = declare(5);
        publish(queue, 0, "zero");
        publish(queue, 3, "three");
        publish(queue, 5, "five");
        Channel consumerChannel = broker.openConnection().createChannel();
        consumerChannel.basicQos(1);
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);

        consumerChannel.basicConsume(queue, false, consumer);

        for (String expected : new String[] {"five", "three", "zero"}) {
            Delivery delivery = consumer.next();
            assertThat(CollectingConsumer.body(delivery)).isEqualTo(expected);
            consumerChannel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }
    }

    @Test
    void prioritiesAboveTheMaximumCountAsTheMaximum() throws Exception {
        String queue = declare(3);

        publish(queue, 3, "at max");
        publish(queue, 9, "above max");
        publish(queue, 2, "below");

        assertThat(Messages.drain(channel, queue)).containsExactly("at max", "above max", "below");
    }

    @Test
    void requeuedMessageKeepsItsPriority() throws Exception {
        String queue = declare(10);
        publish(queue, 1, "low");
        publish(queue, 8, "high");
        Channel getter = broker.openConnection().createChannel();
        long tag = getter.basicGet(queue, false).getEnvelope().getDeliveryTag();

        getter.basicNack(tag, false, true);

        Messages.awaitMessageCount(channel, queue, 2);
        assertThat(Messages.drain(channel, queue)).containsExactly("high", "low");
    }

    @Test
    void nonNumericMaxPriorityIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDeclare("", false, true, true, Map.of("x-max-priority", "high")));
    }

    private String declare(int maxPriority) throws Exception {
        return channel.queueDeclare("", false, false, true, Map.of("x-max-priority", maxPriority)).getQueue();
    }

    private void publish(String queue, int priority, String body) throws Exception {
        publishConfirmed(channel, "", queue, new AMQP.BasicProperties.Builder().priority(priority).build(), body);
    }
}
