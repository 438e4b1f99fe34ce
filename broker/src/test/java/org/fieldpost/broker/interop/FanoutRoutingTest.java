package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fanout exchanges copy every message to every bound queue and ignore routing keys (section 3.1.3.2). */
class FanoutRoutingTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;
    private String exchange;

    @BeforeEach
    void declareExchange() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
        exchange = BrokerExtension.unique("fanout");
        channel.exchangeDeclare(exchange, "fanout");
    }

    @Test
    void everyBoundQueueGetsEveryMessageWhateverTheKeys() throws Exception {
        String first = queueBoundWith("one");
        String second = queueBoundWith("");
        String third = queueBoundWith("#");

        publishConfirmed(channel, exchange, "anything", "m1");
        publishConfirmed(channel, exchange, "", "m2");

        assertThat(drain(channel, first)).containsExactly("m1", "m2");
        assertThat(drain(channel, second)).containsExactly("m1", "m2");
        assertThat(drain(channel, third)).containsExactly("m1", "m2");
    }

    @Test
    void unboundQueueGetsNothing() throws Exception {
        queueBoundWith("");
        String stranger = channel.queueDeclare().getQueue();

        publishConfirmed(channel, exchange, "", "not for the stranger");

        assertThat(drain(channel, stranger)).isEmpty();
    }

    @Test
    void aQueueBoundWithTwoKeysGetsOneCopy() throws Exception {
        String queue = queueBoundWith("a");
        channel.queueBind(queue, exchange, "b");

        publishConfirmed(channel, exchange, "a", "once");

        assertThat(drain(channel, queue)).containsExactly("once");
    }

    @Test
    void unbindWithTheBindingKeyStopsDelivery() throws Exception {
        String queue = queueBoundWith("k");
        channel.queueUnbind(queue, exchange, "k");

        publishConfirmed(channel, exchange, "k", "gone");

        assertThat(drain(channel, queue)).isEmpty();
    }

    @Test
    void fanoutWithNoBindingsDropsTheMessage() throws Exception {
        publishConfirmed(channel, exchange, "", "into the void");

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void predeclaredAmqFanoutRoutes() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "amq.fanout", "");

        publishConfirmed(channel, "amq.fanout", "whatever", "hello");

        assertThat(drain(channel, queue)).contains("hello");
        channel.queueUnbind(queue, "amq.fanout", "");
    }

    private String queueBoundWith(String key) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }
}
