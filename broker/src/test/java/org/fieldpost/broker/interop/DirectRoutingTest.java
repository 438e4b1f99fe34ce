package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Direct exchanges route on exact equality of routing key and binding key (AMQP 0-9-1 section 3.1.3.1). */
class DirectRoutingTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;
    private String exchange;

    @BeforeEach
    void declareExchange() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
        exchange = BrokerExtension.unique("direct");
        channel.exchangeDeclare(exchange, "direct");
    }

    @Test
    void routesOnlyToQueuesBoundWithTheExactKey() throws Exception {
        String orders = queueBoundTo("orders");
        String invoices = queueBoundTo("invoices");

        publishConfirmed(channel, exchange, "orders", "o1");
        publishConfirmed(channel, exchange, "invoices", "i1");
        publishConfirmed(channel, exchange, "orders.eu", "nobody");
        publishConfirmed(channel, exchange, "ORDERS", "nobody either: keys are case-sensitive");

        assertThat(drain(channel, orders)).containsExactly("o1");
        assertThat(drain(channel, invoices)).containsExactly("i1");
    }

    @Test
    void copiesTheMessageToEveryQueueBoundWithTheKey() throws Exception {
        String first = queueBoundTo("k");
        String second = queueBoundTo("k");

        publishConfirmed(channel, exchange, "k", "both");

        assertThat(drain(channel, first)).containsExactly("both");
        assertThat(drain(channel, second)).containsExactly("both");
    }

    @Test
    void aQueueBoundTwiceGetsOneCopyPerMatchingPublish() throws Exception {
        String queue = queueBoundTo("a");
        channel.queueBind(queue, exchange, "b");
        channel.queueBind(queue, exchange, "a");

        publishConfirmed(channel, exchange, "a", "via a");
        publishConfirmed(channel, exchange, "b", "via b");

        assertThat(drain(channel, queue)).containsExactly("via a", "via b");
    }

    @Test
    void emptyRoutingKeyIsAnOrdinaryKey() throws Exception {
        String empty = queueBoundTo("");
        String named = queueBoundTo("x");

        publishConfirmed(channel, exchange, "", "empty");

        assertThat(drain(channel, empty)).containsExactly("empty");
        assertThat(drain(channel, named)).isEmpty();
    }

    @Test
    void unbindStopsRouting() throws Exception {
        String queue = queueBoundTo("k");
        publishConfirmed(channel, exchange, "k", "before");

        channel.queueUnbind(queue, exchange, "k");
        publishConfirmed(channel, exchange, "k", "after");

        assertThat(drain(channel, queue)).containsExactly("before");
    }

    @Test
    void unroutableMessageIsDroppedSilently() throws Exception {
        publishConfirmed(channel, exchange, "no-such-binding", "dropped");

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void predeclaredAmqDirectRoutes() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        String key = BrokerExtension.unique("key");
        channel.queueBind(queue, "amq.direct", key);

        publishConfirmed(channel, "amq.direct", key, "hello");

        assertThat(drain(channel, queue)).containsExactly("hello");
    }

    @Test
    void publishToMissingExchangeClosesChannelWith404() throws Exception {
        Channel plain = broker.openConnection().createChannel();

        plain.basicPublish("no-such-exchange", "k", null, new byte[0]);

        ProtocolErrors.awaitChannelClosed(plain, ReplyCodes.NOT_FOUND);
    }

    @Test
    void bindingToMissingQueueIsRefusedWith404() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND,
            () -> channel.queueBind("no-such-queue", exchange, "k"));
    }

    private String queueBoundTo(String key) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }
}
