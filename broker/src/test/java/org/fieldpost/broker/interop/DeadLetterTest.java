package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.XDeath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dead-lettering (RabbitMQ's x-dead-letter-exchange / x-dead-letter-routing-key queue arguments) of
 * rejected and nacked messages, with the x-death history RabbitMQ keeps.
 */
class DeadLetterTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;
    private Channel consumer;
    private String dlx;

    @BeforeEach
    void declareDeadLetterExchange() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
        consumer = broker.openConnection().createChannel();
        dlx = BrokerExtension.unique("dlx");
        channel.exchangeDeclare(dlx, "direct");
    }

    @Test
    void rejectWithoutRequeueDeadLettersWithTheConfiguredRoutingKey() throws Exception {
        String dead = boundTo(dlx, "dead-key");
        String work = queue(Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "dead-key"));
        publishConfirmed(channel, "", work, "poison");

        GetResponse got = consumer.basicGet(work, false);
        consumer.basicReject(got.getEnvelope().getDeliveryTag(), false);

        GetResponse deadLettered = Messages.awaitGet(channel, dead);
        assertThat(Messages.text(deadLettered.getBody())).isEqualTo("poison");
        assertThat(deadLettered.getEnvelope().getExchange()).isEqualTo(dlx);
        assertThat(deadLettered.getEnvelope().getRoutingKey()).isEqualTo("dead-key");
        XDeath death = XDeath.first(deadLettered.getProps());
        assertThat(death.reason()).isEqualTo("rejected");
        assertThat(death.count()).isEqualTo(1);
        assertThat(death.queue()).isEqualTo(work);
        assertThat(death.exchange()).isEqualTo("");
        assertThat(death.routingKeys()).containsExactly(work);
        assertThat(Messages.drain(channel, work)).as("gone from the work queue").isEmpty();
    }

    @Test
    void nackWithoutRequeueDeadLettersToo() throws Exception {
        String dead = boundTo(dlx, "k");
        String work = queue(Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "k"));
        publishConfirmed(channel, "", work, "a");
        publishConfirmed(channel, "", work, "b");

        consumer.basicGet(work, false);
        GetResponse second = consumer.basicGet(work, false);
        consumer.basicNack(second.getEnvelope().getDeliveryTag(), true, false);

        assertThat(Messages.awaitBodies(channel, dead, 2)).containsExactly("a", "b");
    }

    @Test
    void withoutADeadLetterRoutingKeyTheOriginalKeyIsUsed() throws Exception {
        String source = BrokerExtension.unique("source");
        channel.exchangeDeclare(source, "direct");
        String dead = boundTo(dlx, "orders.eu");
        String work = queue(Map.of("x-dead-letter-exchange", dlx));
        channel.queueBind(work, source, "orders.eu");
        publishConfirmed(channel, source, "orders.eu", "keep my key");

        consumer.basicReject(consumer.basicGet(work, false).getEnvelope().getDeliveryTag(), false);

        GetResponse got = Messages.awaitGet(channel, dead);
        assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("orders.eu");
        assertThat(XDeath.first(got.getProps()).exchange()).isEqualTo(source);
    }

    @Test
    void rejectWithRequeueDoesNotDeadLetter() throws Exception {
        String dead = boundTo(dlx, "k");
        String work = queue(Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "k"));
        publishConfirmed(channel, "", work, "again");

        consumer.basicReject(consumer.basicGet(work, false).getEnvelope().getDeliveryTag(), true);

        assertThat(Messages.awaitBodies(channel, work, 1)).containsExactly("again");
        assertThat(Messages.drain(channel, dead)).isEmpty();
    }

    @Test
    void withoutADeadLetterExchangeRejectedMessagesAreDropped() throws Exception {
        String work = queue(Map.of());
        publishConfirmed(channel, "", work, "gone");

        consumer.basicReject(consumer.basicGet(work, false).getEnvelope().getDeliveryTag(), false);

        assertThat(Messages.drain(channel, work)).isEmpty();
    }

    @Test
    void xDeathCountIncrementsOnASecondCycle() throws Exception {
        String back = BrokerExtension.unique("dlx-back");
        channel.exchangeDeclare(back, "fanout");
        String first = queue(Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "k"));
        String second = queue(Map.of("x-dead-letter-exchange", back));
        channel.queueBind(second, dlx, "k");
        channel.queueBind(first, back, "");
        publishConfirmed(channel, "", first, "round and round");

        rejectNextFrom(first);
        rejectNextFrom(second);
        rejectNextFrom(first);

        GetResponse got = Messages.awaitGet(channel, second);
        AMQP.BasicProperties props = got.getProps();
        List<XDeath> deaths = XDeath.all(props);
        assertThat(deaths).hasSize(2);
        assertThat(deaths.get(0).queue()).as("most recent first").isEqualTo(first);
        assertThat(XDeath.forQueue(props, first).count()).isEqualTo(2);
        assertThat(XDeath.forQueue(props, first).reason()).isEqualTo("rejected");
        assertThat(XDeath.forQueue(props, second).count()).isEqualTo(1);
        assertThat(props.getHeaders().get("x-first-death-queue")).hasToString(first);
        assertThat(props.getHeaders().get("x-last-death-queue")).hasToString(first);
    }

    private void rejectNextFrom(String queue) throws Exception {
        GetResponse got = awaitUnacked(queue);
        consumer.basicReject(got.getEnvelope().getDeliveryTag(), false);
    }

    private GetResponse awaitUnacked(String queue) {
        GetResponse[] holder = new GetResponse[1];
        await().atMost(Messages.GET_DEADLINE).until(() -> {
            holder[0] = consumer.basicGet(queue, false);
            return holder[0] != null;
        });
        return holder[0];
    }

    private String queue(Map<String, Object> arguments) throws Exception {
        return channel.queueDeclare("", false, false, true, arguments).getQueue();
    }

    private String boundTo(String exchange, String key) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }
}
