package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many publishers and consumers on shared queues at once: every confirmed message is delivered and
 * acknowledged exactly once, within a deadline (so a deadlock fails the test instead of hanging it).
 */
class ConcurrencyTest {

    private static final int PUBLISHERS = 8;
    private static final int CONSUMERS = 8;
    private static final int QUEUES = 3;
    private static final int MESSAGES = 20_000;
    private static final int PREFETCH = 50;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String ID_HEADER = "test-id";

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private final ExecutorService publisherPool = Executors.newFixedThreadPool(PUBLISHERS);
    private final Map<String, AtomicInteger> deliveriesById = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger ackFailures = new AtomicInteger();
    private final List<Connection> consumerConnections = new ArrayList<>();

    @AfterEach
    void stopPublishers() throws InterruptedException {
        publisherPool.shutdownNow();
        assertThat(publisherPool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyMessageIsDeliveredExactlyOnce() throws Exception {
        List<String> queues = declareQueues();
        for (int i = 0; i < CONSUMERS; i++) {
            startConsumer(queues.get(i % QUEUES));
        }

        List<Future<Set<String>>> published = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            published.add(publisherPool.submit(() -> publish(publisher, queues)));
        }
        Set<String> expectedIds = ConcurrentHashMap.newKeySet();
        for (Future<Set<String>> future : published) {
            expectedIds.addAll(withDeadline(future));
        }

        assertThat(expectedIds).hasSize(MESSAGES);
        awaitOrDumpThreads("all deliveries", () -> deliveries.get() >= MESSAGES);
        for (Connection consumer : consumerConnections) {
            consumer.close();
        }
        awaitOrDumpThreads("queues empty once consumers are gone (nothing left unacked)", () -> allEmpty(queues));

        assertThat(deliveries.get()).as("total deliveries").isEqualTo(MESSAGES);
        assertThat(deliveriesById.keySet()).as("delivered ids").isEqualTo(expectedIds);
        assertThat(deliveriesById.values()).as("no id delivered twice").allSatisfy(n -> assertThat(n.get()).isOne());
        assertThat(ackFailures.get()).isZero();
    }

    private List<String> declareQueues() throws Exception {
        Channel admin = broker.openConnection().createChannel();
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES; i++) {
            String queue = BrokerExtension.unique("shared");
            admin.queueDeclare(queue, false, false, false, null);
            queues.add(queue);
        }
        return queues;
    }

    private void startConsumer(String queue) throws Exception {
        Connection connection = broker.openConnection();
        consumerConnections.add(connection);
        Channel channel = connection.createChannel();
        channel.basicQos(PREFETCH);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                String id = String.valueOf(props.getHeaders().get(ID_HEADER));
                deliveriesById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                deliveries.incrementAndGet();
                try {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                } catch (IOException e) {
                    ackFailures.incrementAndGet();
                }
            }
        });
    }

    /** Publishes this publisher's share round-robin over the queues, confirmed; returns the ids sent. */
    private Set<String> publish(int publisher, List<String> queues) throws Exception {
        Connection connection = broker.openConnection();
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        int share = MESSAGES / PUBLISHERS;
        for (int i = 0; i < share; i++) {
            String id = publisher + "-" + i;
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().headers(Map.of(ID_HEADER, id)).build();
            channel.basicPublish("", queues.get(i % QUEUES), props, new byte[16]);
            ids.add(id);
            if (i % 500 == 499) {
                channel.waitForConfirmsOrDie(DEADLINE.toMillis());
            }
        }
        channel.waitForConfirmsOrDie(DEADLINE.toMillis());
        return ids;
    }

    private boolean allEmpty(List<String> queues) throws Exception {
        Channel probe = broker.openConnection().createChannel();
        try {
            for (String queue : queues) {
                if (probe.queueDeclarePassive(queue).getMessageCount() != 0) {
                    return false;
                }
            }
            return true;
        } finally {
            probe.getConnection().close();
        }
    }

    private void awaitOrDumpThreads(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": " + deliveries.get() + " of " + MESSAGES + " delivered\n"
                + threadDump(), e);
        }
    }

    private static <T> T withDeadline(Future<T> future) throws Exception {
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("publisher stuck (deadlock?)\n" + threadDump(), e);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info);
        }
        return dump.toString();
    }
}
