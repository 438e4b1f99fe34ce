package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mandatory flag: an unroutable mandatory message comes back as basic.return 312 NO_ROUTE with its
 * body. Like RabbitMQ, the immediate flag is not supported (540 NOT_IMPLEMENTED, a connection error).
 */
class MandatoryTest {

    private static final Duration RETURN_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private final BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        connection = broker.openConnection();
        channel = connection.createChannel();
        channel.addReturnListener(returns::add);
        channel.confirmSelect();
    }

    @Test
    void unroutableMandatoryMessageIsReturnedWithNoRoute() throws Exception {
        String exchange = BrokerExtension.unique("direct");
        channel.exchangeDeclare(exchange, "direct");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-1").build();

        channel.basicPublish(exchange, "nowhere", true, props, Messages.utf8("come back"));

        Return returned = nextReturn();
        assertThat(returned.getReplyCode()).isEqualTo(ReplyCodes.NO_ROUTE);
        assertThat(returned.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(returned.getExchange()).isEqualTo(exchange);
        assertThat(returned.getRoutingKey()).isEqualTo("nowhere");
        assertThat(returned.getProperties().getMessageId()).isEqualTo("m-1");
        assertThat(Messages.text(returned.getBody())).isEqualTo("come back");
    }

    @Test
    void mandatoryToTheDefaultExchangeWithAnUnknownQueueIsReturned() throws Exception {
        channel.basicPublish("", BrokerExtension.unique("no-queue"), true, null, Messages.utf8("x"));

        assertThat(nextReturn().getReplyCode()).isEqualTo(ReplyCodes.NO_ROUTE);
    }

    @Test
    void routableMandatoryMessageIsDeliveredNotReturned() throws Exception {
        String queue = channel.queueDeclare().getQueue();

        channel.basicPublish("", queue, true, null, Messages.utf8("routed"));
        channel.waitForConfirmsOrDie(10_000);

        assertThat(returns.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(Messages.awaitBodies(channel, queue, 1)).containsExactly("routed");
    }

    @Test
    void unroutableMessageWithoutMandatoryIsNotReturned() throws Exception {
        channel.basicPublish("", BrokerExtension.unique("no-queue"), false, null, Messages.utf8("dropped"));
        channel.waitForConfirmsOrDie(10_000);

        assertThat(returns.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void returnPrecedesThePublisherConfirm() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        channel.clearReturnListeners();
        channel.addReturnListener(r -> events.add("return"));
        channel.addConfirmListener((tag, multiple) -> events.add("ack"), (tag, multiple) -> events.add("nack"));

        channel.basicPublish("", BrokerExtension.unique("no-queue"), true, null, Messages.utf8("x"));
        channel.waitForConfirmsOrDie(10_000);

        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("return");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ack");
    }

    @Test
    void immediateFlagIsNotImplemented() throws Exception {
        String queue = channel.queueDeclare().getQueue();

        channel.basicPublish("", queue, false, true, null, Messages.utf8("now!"));

        ProtocolErrors.awaitConnectionClosed(connection, ReplyCodes.NOT_IMPLEMENTED);
    }

    private Return nextReturn() throws InterruptedException {
        Return returned = returns.poll(RETURN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(returned).as("a basic.return within %s", RETURN_DEADLINE).isNotNull();
        return returned;
    }
}
