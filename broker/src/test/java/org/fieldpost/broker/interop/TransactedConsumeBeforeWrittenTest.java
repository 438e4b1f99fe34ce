package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A producer and a consumer that both work in transactions (tx.select), seen end to end with the
 * RabbitMQ Java client: the consumer's tx.commit does not wait for the producer's messages to be on
 * disk. Its acknowledgements withdraw the producer's enqueues, all together, before the store's
 * writer has begun to write them, so neither transaction is ever written (where the writer got to
 * them first, both land in one group commit, where the dequeues cancel the enqueues). Every message
 * still arrives exactly once, and nothing is left in the store.
 */
class TransactedConsumeBeforeWrittenTest {

    private static final Pattern NEVER_WRITTEN = Pattern.compile("(\\d+) transactions never written");
    private static final int BATCHES = 50;
    private static final int BATCH = 50;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void transactedConsumersCommitWithTheirProducersAndNothingIsLeftBehind() throws Exception {
        String queue = BrokerExtension.unique("tx-consumed");
        List<String> received = new CopyOnWriteArrayList<>();
        Semaphore arrived = new Semaphore(0);
        AtomicLong lastTag = new AtomicLong();
        try (Connection producerConnection = broker.openConnection();
             Connection consumerConnection = broker.openConnection()) {
            Channel consumer = consumerConnection.createChannel();
            consumer.queueDeclare(queue, true, false, false, null);
            consumer.basicQos(2 * BATCH);
            consumer.txSelect();
            consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    received.add(new String(body, StandardCharsets.UTF_8));
                    lastTag.set(envelope.getDeliveryTag());
                    arrived.release();
                }
            });
            Channel producer = producerConnection.createChannel();
            producer.txSelect();
            for (int b = 0; b < BATCHES; b++) {
                for (int i = 0; i < BATCH; i++) {
                    producer.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC,
                        ("m" + (b * BATCH + i)).getBytes(StandardCharsets.UTF_8));
                }
                CompletableFuture<Void> produced = CompletableFuture.runAsync(() -> commit(producer));
                assertThat(arrived.tryAcquire(BATCH, 30, TimeUnit.SECONDS)).as("batch %d delivered", b).isTrue();
                consumer.basicAck(lastTag.get(), true);
                consumer.txCommit();
                produced.get(30, TimeUnit.SECONDS);
            }
            assertThat(consumer.queueDeclarePassive(queue).getMessageCount()).isZero();
        }
        assertThat(received).hasSize(BATCHES * BATCH).doesNotHaveDuplicates();
        Matcher unwritten = NEVER_WRITTEN.matcher(broker.storeStatistics());
        assertThat(unwritten.find()).as(broker.storeStatistics()).isTrue();
        assertThat(Long.parseLong(unwritten.group(1))).as(broker.storeStatistics()).isPositive();

        broker.restart();
        try (Connection c = broker.openConnection()) {
            assertThat(c.createChannel().queueDeclarePassive(queue).getMessageCount())
                .as("nothing the consumer committed comes back after a restart").isZero();
        }
    }

    private static void commit(Channel producer) {
        try {
            producer.txCommit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
