package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.Probes;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker's extensions for Jakarta Messaging (docs/protocol.md), exercised with the RabbitMQ
 * Java client as an independent peer: delivery delay, delivery counts, browsing, no-local
 * subscription queues, exclusive exchanges and priority order by default.
 */
class JmsExtensionsTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Channel channel;
    private String queue;

    @BeforeEach
    void declareQueue() throws Exception {
        connection = broker.openConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
        queue = BrokerExtension.unique("jms-ext");
        channel.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void messageWithADeliveryTimeStaysInvisibleUntilThen() throws Exception {
        long deliveryTime = System.currentTimeMillis() + 1_500;
        publishConfirmed(channel, "", queue, headers(Map.of("x-delivery-time", deliveryTime)), "later");
        publishConfirmed(channel, "", queue, "now");

        assertThat(Messages.text(Messages.awaitGet(channel, queue).getBody())).isEqualTo("now");
        assertThat(channel.basicGet(queue, true)).as("held back until its delivery time").isNull();

        GetResponse later = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> channel.basicGet(queue, true), r -> r != null);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deliveryTime);
        assertThat(Messages.text(later.getBody())).isEqualTo("later");
    }

    @Test
    void consumerWaitingForADelayedMessageGetsItWhenDue() throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, consumer);
        publishConfirmed(channel, "", queue, headers(Map.of("x-delivery-time", System.currentTimeMillis() + 500)),
            "delayed");

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("delayed");
    }

    @Test
    void redeliveriesCarryTheDeliveryCount() throws Exception {
        publishConfirmed(channel, "", queue, "counted");
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, false, consumer);

        Delivery first = consumer.next();
        assertThat(first.getProperties().getHeaders()).as("first delivery: no header (count 1)").isNull();
        channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        Delivery second = consumer.next();
        assertThat(second.getEnvelope().isRedeliver()).isTrue();
        assertThat(second.getProperties().getHeaders()).containsEntry("x-delivery-count", 2);
        channel.basicReject(second.getEnvelope().getDeliveryTag(), true);
        assertThat(consumer.next().getProperties().getHeaders()).containsEntry("x-delivery-count", 3);
    }

    @Test
    void browserSeesEveryMessageInOrderWithoutTakingAny() throws Exception {
        for (String body : List.of("b1", "b2", "b3")) {
            publishConfirmed(channel, "", queue, body);
        }
        CollectingConsumer browser = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, Map.of("x-browse", true), browser);

        assertThat(browser.nextBodies(3)).containsExactly("b1", "b2", "b3");
        assertThat(browser.awaitCancelledByBroker()).as("the end of the browse").isTrue();
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(3);
        assertThat(Messages.drain(channel, queue)).containsExactly("b1", "b2", "b3");
    }

    @Test
    void browsingAnEmptyQueueEndsAtOnce() throws Exception {
        CollectingConsumer browser = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, Map.of("x-browse", true), browser);

        assertThat(browser.awaitCancelledByBroker()).isTrue();
        browser.assertNoDeliveryWithin(QUIET);
    }

    @Test
    void browserMustNotAcknowledge() {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.basicConsume(queue, false, Map.of("x-browse", true), new CollectingConsumer(channel)));
    }

    @Test
    void noLocalQueueDropsWhatTheSubscribersOwnConnectionPublishes() throws Exception {
        String subscription = BrokerExtension.unique("no-local");
        channel.queueDeclare(subscription, false, false, false, Map.of("x-no-local", true));
        channel.queueBind(subscription, "amq.topic", "news");
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(subscription, true, consumer);
        Channel foreign = broker.openConnection().createChannel();
        foreign.confirmSelect();

        publishConfirmed(channel, "amq.topic", "news", "own");
        publishConfirmed(foreign, "amq.topic", "news", "foreign");

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("foreign");
        consumer.assertNoDeliveryWithin(QUIET);
        assertThat(channel.queueDeclarePassive(subscription).getMessageCount()).isZero();
    }

    @Test
    void exclusiveExchangeBelongsToItsConnection() throws Exception {
        String exchange = BrokerExtension.unique("tmp-topic");
        channel.exchangeDeclare(exchange, "topic", false, true, Map.of("x-exclusive", true));
        Connection other = broker.openConnection();
        Channel rival = other.createChannel();
        String rivalQueue = rival.queueDeclare().getQueue();

        ProtocolErrors.assertChannelError(rival, ReplyCodes.RESOURCE_LOCKED,
            () -> rival.queueBind(rivalQueue, exchange, "#"));

        connection.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Probes.exchangeExists(other, exchange));
    }

    @Test
    void queuesOrderByPriorityWithoutDeclaringAMaximum() throws Exception {
        publishConfirmed(channel, "", queue, priority(1), "low");
        publishConfirmed(channel, "", queue, priority(9), "high");
        publishConfirmed(channel, "", queue, "none");

        assertThat(Messages.drain(channel, queue)).containsExactly("high", "low", "none");
    }

    @Test
    void consumerSelectorTakesOnlyMatchingMessagesAndLeavesTheRest() throws Exception {
        publishConfirmed(channel, "", queue, headers(Map.of("colour", "red", "size", 3)), "red-3");
        publishConfirmed(channel, "", queue, headers(Map.of("colour", "blue", "size", 7)), "blue-7");
        publishConfirmed(channel, "", queue, headers(Map.of("colour", "red", "size", 9)), "red-9");
        CollectingConsumer reds = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, Map.of("x-selector", "colour = 'red' AND size > 5"), reds);

        assertThat(CollectingConsumer.body(reds.next())).isEqualTo("red-9");
        reds.assertNoDeliveryWithin(QUIET);
        assertThat(Messages.drain(channel, queue)).containsExactly("red-3", "blue-7");
    }

    @Test
    void selectorSeesJmsHeadersMappedFromAmqpProperties() throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().priority(8).type("order")
            .deliveryMode(2).build();
        publishConfirmed(channel, "", queue, props, "urgent order");
        publishConfirmed(channel, "", queue, "plain");
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true,
            Map.of("x-selector", "JMSPriority > 6 AND JMSType = 'order' AND JMSDeliveryMode = 'PERSISTENT'"), consumer);

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("urgent order");
        consumer.assertNoDeliveryWithin(QUIET);
    }

    @Test
    void invalidConsumerSelectorIsRefusedWith406() {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.basicConsume(queue, true, Map.of("x-selector", "colour = "),
                new CollectingConsumer(channel)));
    }

    @Test
    void bindingSelectorKeepsNonMatchingMessagesOutOfTheQueue() throws Exception {
        String subscription = BrokerExtension.unique("sub");
        channel.queueDeclare(subscription, false, false, false, null);
        channel.queueBind(subscription, "amq.topic", "prices.#", Map.of("x-selector", "price >= 100"));

        publishConfirmed(channel, "amq.topic", "prices.eur", headers(Map.of("price", 99.5)), "cheap");
        publishConfirmed(channel, "amq.topic", "prices.eur", headers(Map.of("price", 120L)), "dear");

        assertThat(Messages.drain(channel, subscription)).containsExactly("dear");
    }

    @Test
    void invalidBindingSelectorIsRefusedWith406() throws Exception {
        String subscription = BrokerExtension.unique("sub");
        channel.queueDeclare(subscription, false, false, false, null);

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueBind(subscription, "amq.topic", "#", Map.of("x-selector", "a LIKE 5")));
    }

    @Test
    void browserWithASelectorSeesOnlyMatchingMessages() throws Exception {
        publishConfirmed(channel, "", queue, headers(Map.of("n", 1)), "one");
        publishConfirmed(channel, "", queue, headers(Map.of("n", 2)), "two");
        CollectingConsumer browser = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, Map.of("x-browse", true, "x-selector", "n = 2"), browser);

        assertThat(browser.nextBodies(1)).containsExactly("two");
        assertThat(browser.awaitCancelledByBroker()).isTrue();
        browser.assertNoDeliveryWithin(Duration.ZERO);
    }

    private static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }

    private static AMQP.BasicProperties priority(int priority) {
        return new AMQP.BasicProperties.Builder().priority(priority).build();
    }
}
