package org.fieldpost.broker.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One durable queue filled with {@code -Dfieldpost.paging.messages} persistent 1 KiB messages
 * (100,000 in CI, 1,000,000 with {@code -Psoak}) by a broker limited to a 256 MB heap, then drained:
 * past the memory limit the messages live in the store only and are paged back in, in order.
 */
class PagingIT {

    private static final int BODY = 1024;
    private static final int CONFIRM_WINDOW = 1000;

    @TempDir
    Path scratch;

    @Test
    void aQueueLargerThanTheHeapFillsAndDrainsInOrder() throws Exception {
        int messages = Integer.getInteger("fieldpost.paging.messages", 100_000);
        Path log = Path.of("target", "paging-test", "broker.log");
        Files.deleteIfExists(log);
        long started = System.nanoTime();
        try (BrokerProcess broker = BrokerProcess.start(scratch.resolve("data"), log, "-Xmx256m");
             Connection connection = broker.connectionFactory().newConnection()) {
            Channel publisher = connection.createChannel();
            publisher.queueDeclare("big", true, false, false, null);
            publish(publisher, messages);
            long filled = System.nanoTime();
            assertThat(publisher.queueDeclarePassive("big").getMessageCount()).isEqualTo(messages);

            drainInOrder(connection, messages);
            long drained = System.nanoTime();
            System.out.printf("%,d messages: filled in %.1f s, drained in %.1f s%n", messages,
                (filled - started) / 1e9, (drained - filled) / 1e9);
        }
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError").doesNotContain("FP-Q001");
    }

    private static void publish(Channel channel, int messages) throws Exception {
        channel.confirmSelect();
        Semaphore window = new Semaphore(CONFIRM_WINDOW);
        AtomicLong nacks = new AtomicLong();
        AtomicLong confirmed = new AtomicLong();
        channel.addConfirmListener((seq, multiple) -> settle(window, confirmed, seq),
            (seq, multiple) -> {
                nacks.incrementAndGet();
                settle(window, confirmed, seq);
            });
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        byte[] body = new byte[BODY];
        for (int i = 0; i < messages; i++) {
            if (!window.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new AssertionError("no confirm for 60 s after " + confirmed.get() + " messages");
            }
            ByteBuffer.wrap(body).putInt(0, i);
            channel.basicPublish("", "big", persistent, body.clone());
        }
        if (!window.tryAcquire(CONFIRM_WINDOW, 120, TimeUnit.SECONDS)) {
            throw new AssertionError("unconfirmed messages left");
        }
        assertThat(nacks.get()).isZero();
    }

    /** Multiple acks release several permits: the window tracks the highest sequence confirmed. */
    private static void settle(Semaphore window, AtomicLong confirmed, long seq) {
        long before = confirmed.getAndAccumulate(seq, Math::max);
        if (seq > before) {
            window.release((int) (seq - before));
        }
    }

    private static void drainInOrder(Connection connection, int messages) throws Exception {
        Channel consumer = connection.createChannel();
        consumer.basicQos(500);
        AtomicLong next = new AtomicLong();
        AtomicReference<String> disorder = new AtomicReference<>();
        consumer.basicConsume("big", false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                throws java.io.IOException {
                int n = ByteBuffer.wrap(body).getInt(0);
                if (n != next.get() && disorder.get() == null) {
                    disorder.set("expected message " + next.get() + ", got " + n);
                }
                next.set(n + 1);
                if (n % 100 == 99 || n == messages - 1) {
                    getChannel().basicAck(envelope.getDeliveryTag(), true);
                }
            }
        });
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> next.get() == messages || disorder.get() != null);
        assertThat(disorder.get()).isNull();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
            .until(() -> consumer.queueDeclarePassive("big").getMessageCount() == 0);
    }
}
