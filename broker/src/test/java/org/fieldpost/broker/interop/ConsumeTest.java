package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** basic.consume, basic.cancel (both directions) and basic.get. */
class ConsumeTest {

    private static final Duration QUIET = Duration.ofMillis(500);

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
        queue = BrokerExtension.unique("consume");
        channel.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void consumerReceivesMessagesInPublishOrder() throws Exception {
        Channel consumerChannel = connection.createChannel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(queue, true, consumer);

        for (int i = 0; i < 20; i++) {
            publishConfirmed(channel, "", queue, "m" + i);
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("m" + i);
        }
        assertThat(consumer.nextBodies(20)).containsExactlyElementsOf(expected);
    }

    @Test
    void serverGeneratesDistinctConsumerTagsAndStampsDeliveriesWithThem() throws Exception {
        CollectingConsumer first = new CollectingConsumer(channel);
        CollectingConsumer second = new CollectingConsumer(channel);

        String firstTag = channel.basicConsume(queue, true, first);
        String secondTag = channel.basicConsume(queue, true, second);
        publishConfirmed(channel, "", queue, "one");
        publishConfirmed(channel, "", queue, "two");

        assertThat(firstTag).isNotBlank().isNotEqualTo(secondTag);
        assertThat(secondTag).isNotBlank();
        assertThat(first.next().getEnvelope().getDeliveryTag()).isPositive();
        assertThat(first.getConsumerTag()).isEqualTo(firstTag);
        assertThat(second.next()).isNotNull();
    }

    @Test
    void consumersOnOneQueueShareMessagesRoundRobin() throws Exception {
        CollectingConsumer first = new CollectingConsumer(channel);
        CollectingConsumer second = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, first);
        channel.basicConsume(queue, true, second);

        for (int i = 0; i < 10; i++) {
            publishConfirmed(channel, "", queue, "m" + i);
        }

        List<String> all = new ArrayList<>(first.nextBodies(5));
        all.addAll(second.nextBodies(5));
        assertThat(all).doesNotHaveDuplicates().hasSize(10);
        first.assertNoDeliveryWithin(QUIET);
        second.assertNoDeliveryWithin(Duration.ZERO);
    }

    @Test
    void cancelStopsDeliveriesAndLeavesMessagesInTheQueue() throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        String tag = channel.basicConsume(queue, true, consumer);

        channel.basicCancel(tag);
        assertThat(consumer.awaitCancelOk()).isTrue();
        publishConfirmed(channel, "", queue, "for nobody");

        consumer.assertNoDeliveryWithin(QUIET);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
        assertThat(channel.queueDeclarePassive(queue).getConsumerCount()).isZero();
    }

    @Test
    void exclusiveConsumerLocksOutOthersWith403() throws Exception {
        channel.basicConsume(queue, true, "", false, true, null, new CollectingConsumer(channel));
        Channel rival = broker.openConnection().createChannel();

        ProtocolErrors.assertChannelError(rival, ReplyCodes.ACCESS_REFUSED,
            () -> rival.basicConsume(queue, true, new CollectingConsumer(rival)));
    }

    @Test
    void exclusiveConsumeOnAQueueThatHasConsumersIsRefusedWith403() throws Exception {
        channel.basicConsume(queue, true, new CollectingConsumer(channel));
        Channel rival = connection.createChannel();

        ProtocolErrors.assertChannelError(rival, ReplyCodes.ACCESS_REFUSED,
            () -> rival.basicConsume(queue, true, "", false, true, null, new CollectingConsumer(rival)));
    }

    @Test
    void noLocalIsAcceptedAndMessagesFromOtherConnectionsArrive() throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, "", true, false, null, consumer);
        Channel foreign = broker.openConnection().createChannel();
        foreign.confirmSelect();

        publishConfirmed(foreign, "", queue, "from elsewhere");

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("from elsewhere");
    }

    /** Fieldpost enforces no-local (DESIGN.md, for JMS noLocal), which RabbitMQ itself ignores. */
    @Test
    void noLocalConsumerDoesNotSeeItsOwnConnectionsMessages() throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, "", true, false, null, consumer);
        Channel foreign = broker.openConnection().createChannel();
        foreign.confirmSelect();

        publishConfirmed(channel, "", queue, "own");
        publishConfirmed(foreign, "", queue, "foreign");

        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("foreign");
        consumer.assertNoDeliveryWithin(QUIET);
    }

    @Test
    void deletingTheQueueCancelsItsConsumersFromTheServerSide() throws Exception {
        Channel consumerChannel = connection.createChannel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(queue, true, consumer);

        channel.queueDelete(queue);

        assertThat(consumer.awaitCancelledByBroker()).as("handleCancel called").isTrue();
        assertThat(consumerChannel.isOpen()).as("the channel survives the cancel").isTrue();
    }

    @Test
    void consumingFromAMissingQueueIsRefusedWith404() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND,
            () -> channel.basicConsume("no-such-queue", true, new CollectingConsumer(channel)));
    }

    @Test
    void basicGetReturnsMessagesWithTheRemainingCountThenGetEmpty() throws Exception {
        publishConfirmed(channel, "", queue, "a");
        publishConfirmed(channel, "", queue, "b");
        publishConfirmed(channel, "", queue, "c");

        GetResponse first = channel.basicGet(queue, true);
        GetResponse second = channel.basicGet(queue, true);
        GetResponse third = channel.basicGet(queue, true);
        GetResponse empty = channel.basicGet(queue, true);

        assertThat(Messages.text(first.getBody())).isEqualTo("a");
        assertThat(first.getMessageCount()).isEqualTo(2);
        assertThat(second.getMessageCount()).isEqualTo(1);
        assertThat(Messages.text(third.getBody())).isEqualTo("c");
        assertThat(third.getMessageCount()).isZero();
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        assertThat(empty).as("basic.get-empty").isNull();
    }

    @Test
    void basicGetOnAMissingQueueIsRefusedWith404() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND, () -> channel.basicGet("no-such-queue", true));
    }

    @Test
    void propertiesAndTypedHeadersRoundTrip() throws Exception {
        Map<String, Object> headers = Map.of("text", "value", "int", 42, "long", 1L << 40, "flag", true,
            "nested", Map.of("inner", "x"), "list", List.of(1, "two"));
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder().contentType("text/plain")
            .contentEncoding("utf-8").deliveryMode(2).priority(5).correlationId("corr").replyTo("reply")
            .expiration("60000").messageId("mid").type("kind").userId("guest").appId("app")
            .timestamp(new Date(1_700_000_000_000L)).headers(headers).build();

        publishConfirmed(channel, "", queue, sent, "with properties");
        AMQP.BasicProperties got = channel.basicGet(queue, true).getProps();

        assertThat(got.getContentType()).isEqualTo("text/plain");
        assertThat(got.getContentEncoding()).isEqualTo("utf-8");
        assertThat(got.getDeliveryMode()).isEqualTo(2);
        assertThat(got.getPriority()).isEqualTo(5);
        assertThat(got.getCorrelationId()).isEqualTo("corr");
        assertThat(got.getReplyTo()).isEqualTo("reply");
        assertThat(got.getMessageId()).isEqualTo("mid");
        assertThat(got.getType()).isEqualTo("kind");
        assertThat(got.getUserId()).isEqualTo("guest");
        assertThat(got.getAppId()).isEqualTo("app");
        assertThat(got.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(got.getHeaders().get("text")).hasToString("value");
        assertThat(got.getHeaders()).containsEntry("int", 42).containsEntry("long", 1L << 40)
            .containsEntry("flag", true);
        assertThat(((Map<?, ?>) got.getHeaders().get("nested")).get("inner")).hasToString("x");
        assertThat((List<?>) got.getHeaders().get("list")).hasSize(2).first().isEqualTo(1);
    }

    @Test
    void bodiesLargerThanFrameMaxAreReassembled() throws Exception {
        byte[] body = new byte[3 * Math.max(connection.getFrameMax(), 131_072) + 17];
        new Random(7).nextBytes(body);
        Channel consumerChannel = connection.createChannel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(queue, true, consumer);

        channel.basicPublish("", queue, null, body);
        channel.basicPublish("", queue, null, new byte[0]);
        channel.waitForConfirmsOrDie(10_000);

        Delivery big = consumer.next();
        Delivery empty = consumer.next();
        assertThat(Arrays.equals(big.getBody(), body)).as("large body intact").isTrue();
        assertThat(empty.getBody()).isEmpty();
    }
}
