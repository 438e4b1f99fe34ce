package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * basic.qos prefetch-count. Like RabbitMQ, global=false limits each consumer and global=true limits the
 * whole channel (shared by all its consumers); both limits may be in force at once.
 */
class QosTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel publisher;
    private Channel channel;

    @BeforeEach
    void openChannels() throws Exception {
        publisher = broker.openConnection().createChannel();
        publisher.confirmSelect();
        channel = broker.openConnection().createChannel();
    }

    @Test
    void consumerGetsNoMoreThanPrefetchUnackedMessages() throws Exception {
        String queue = queueWith(10);
        channel.basicQos(3);
        CollectingConsumer consumer = consume(queue);

        List<Delivery> window = consumer.next(3);
        consumer.assertNoDeliveryWithin(QUIET);
        channel.basicAck(window.get(0).getEnvelope().getDeliveryTag(), false);

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("m3");
        consumer.assertNoDeliveryWithin(QUIET);
        channel.basicAck(0, true);
        assertThat(consumer.nextBodies(3)).containsExactly("m4", "m5", "m6");
    }

    @Test
    void perConsumerPrefetchAppliesToEachConsumerSeparately() throws Exception {
        String first = queueWith(5);
        String second = queueWith(5);
        channel.basicQos(2, false);
        CollectingConsumer a = consume(first);
        CollectingConsumer b = consume(second);

        a.next(2);
        b.next(2);

        a.assertNoDeliveryWithin(QUIET);
        b.assertNoDeliveryWithin(Duration.ZERO);
    }

    @Test
    void globalPrefetchIsSharedByAllConsumersOnTheChannel() throws Exception {
        String first = queueWith(5);
        String second = queueWith(5);
        channel.basicQos(3, true);
        CollectingConsumer a = consume(first);
        CollectingConsumer b = consume(second);

        int delivered = drainAvailable(a) + drainAvailable(b);

        assertThat(delivered).as("unacked deliveries across the channel").isEqualTo(3);
    }

    @Test
    void perConsumerAndGlobalLimitsCombine() throws Exception {
        String first = queueWith(5);
        String second = queueWith(5);
        channel.basicQos(3, true);
        channel.basicQos(2, false);
        CollectingConsumer a = consume(first);
        CollectingConsumer b = consume(second);

        int fromA = drainAvailable(a);
        int fromB = drainAvailable(b);

        assertThat(fromA).isLessThanOrEqualTo(2);
        assertThat(fromB).isLessThanOrEqualTo(2);
        assertThat(fromA + fromB).isEqualTo(3);
    }

    @Test
    void prefetchZeroMeansUnlimited() throws Exception {
        String queue = queueWith(20);
        channel.basicQos(0);

        assertThat(consume(queue).next(20)).hasSize(20);
    }

    @Test
    void prefetchDoesNotLimitAutoAckConsumers() throws Exception {
        String queue = queueWith(10);
        channel.basicQos(1);
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, consumer);

        assertThat(consumer.next(10)).hasSize(10);
    }

    private String queueWith(int messages) throws Exception {
        String queue = publisher.queueDeclare(broker.unique("qos"), false, false, false, null).getQueue();
        for (int i = 0; i < messages; i++) {
            publishConfirmed(publisher, "", queue, "m" + i);
        }
        return queue;
    }

    private CollectingConsumer consume(String queue) throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, false, consumer);
        return consumer;
    }

    /** Counts deliveries until the consumer has been quiet for {@link #QUIET}. */
    private static int drainAvailable(CollectingConsumer consumer) throws InterruptedException {
        int count = 0;
        while (consumer.poll(QUIET) != null) {
            count++;
        }
        return count;
    }
}
