package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A persistent message that a consumer acknowledges at once is confirmed without ever being
 * written to the Derby store (the store waits briefly for the acknowledgement of a message already
 * out to a consumer), seen end to end with the RabbitMQ Java client.
 */
class ConsumedBeforeWrittenTest {

    private static final Pattern UNWRITTEN = Pattern.compile("(\\d+) transactions never written");
    private static final int MESSAGES = 200;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void confirmedMessagesConsumedAtOnceAreNotWritten() throws Exception {
        String queue = BrokerExtension.unique("consumed-at-once");
        List<String> received = new CopyOnWriteArrayList<>();
        try (Connection publisherConnection = broker.openConnection();
             Connection consumerConnection = broker.openConnection()) {
            Channel consumer = consumerConnection.createChannel();
            consumer.queueDeclare(queue, true, false, false, null);
            consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                    received.add(new String(body, StandardCharsets.UTF_8));
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
            Channel publisher = publisherConnection.createChannel();
            publisher.confirmSelect();
            for (int i = 0; i < MESSAGES; i++) {
                publishConfirmed(publisher, "", queue, MessageProperties.PERSISTENT_BASIC,
                    "m" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == MESSAGES);
        }
        assertThat(received).doesNotHaveDuplicates();
        Matcher unwritten = UNWRITTEN.matcher(broker.storeStatistics());
        assertThat(unwritten.find()).as(broker.storeStatistics()).isTrue();
        assertThat(Long.parseLong(unwritten.group(1))).as(broker.storeStatistics()).isPositive();
    }
}
