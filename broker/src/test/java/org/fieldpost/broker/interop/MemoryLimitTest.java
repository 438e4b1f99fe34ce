package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker with a 1 MiB memory limit: persistent messages page to the store, transient publishers are blocked. */
class MemoryLimitTest {

    private static final int LIMIT = 1024 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension(b -> b.memoryLimit(LIMIT));

    private static byte[] body(int i) {
        byte[] b = new byte[1024];
        byte[] label = ("m" + i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(label, 0, b, 0, label.length);
        return b;
    }

    private static int number(byte[] body) {
        int end = 1;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return Integer.parseInt(new String(body, 1, end - 1, StandardCharsets.UTF_8));
    }

    @Test
    void persistentMessagesBeyondTheLimitArePagedAndComeBackInOrderAcrossARestart() throws Exception {
        Channel ch = broker.openConnection().createChannel();
        ch.queueDeclare("big", true, false, false, null);
        ch.confirmSelect();
        int count = 5_000;
        for (int i = 0; i < count; i++) {
            ch.basicPublish("", "big", MessageProperties.PERSISTENT_BASIC, body(i));
        }
        ch.waitForConfirmsOrDie(DEADLINE.toMillis());
        assertThat(ch.queueDeclarePassive("big").getMessageCount()).isEqualTo(count);

        Channel first = broker.openConnection().createChannel();
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            GetResponse r = first.basicGet("big", true);
            seen.add(number(r.getBody()));
        }
        broker.restart();

        Channel consumer = broker.openConnection().createChannel();
        consumer.basicQos(100);
        AtomicInteger received = new AtomicInteger();
        List<Integer> rest = java.util.Collections.synchronizedList(new ArrayList<>());
        consumer.basicConsume("big", false, (tag, delivery) -> {
            rest.add(number(delivery.getBody()));
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            received.incrementAndGet();
        }, tag -> { });
        await().atMost(DEADLINE).until(() -> received.get() == count - 1000);
        seen.addAll(rest);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void browserSeesPagedOutMessagesInOrderAndLeavesTheQueueAsItWas() throws Exception {
        Channel ch = broker.openConnection().createChannel();
        ch.queueDeclare("browsed", true, false, false, null);
        ch.confirmSelect();
        int count = 5_000;
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ch.basicPublish("", "browsed", MessageProperties.PERSISTENT_BASIC, body(i));
            expected.add(i);
        }
        ch.waitForConfirmsOrDie(DEADLINE.toMillis());

        CollectingConsumer browser = new CollectingConsumer(ch);
        ch.basicConsume("browsed", true, Map.of("x-browse", true), browser);
        List<Integer> browsed = new ArrayList<>();
        for (Delivery d : browser.next(count)) {
            browsed.add(number(d.getBody()));
        }
        assertThat(browser.awaitCancelledByBroker()).as("the end of the browse").isTrue();

        assertThat(browsed).containsExactlyElementsOf(expected);
        assertThat(ch.queueDeclarePassive("browsed").getMessageCount()).isEqualTo(count);
        CollectingConsumer consumer = new CollectingConsumer(ch);
        ch.basicConsume("browsed", true, consumer);
        List<Integer> consumed = new ArrayList<>();
        for (Delivery d : consumer.next(count)) {
            consumed.add(number(d.getBody()));
        }
        assertThat(consumed).containsExactlyElementsOf(expected);
    }

    @Test
    void transientPublishersAreBlockedUntilMemoryIsFreed() throws Exception {
        Connection publisher = broker.openConnection();
        AtomicBoolean blocked = new AtomicBoolean();
        AtomicBoolean unblocked = new AtomicBoolean();
        publisher.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blocked.set(true);
            }

            @Override
            public void handleUnblocked() {
                unblocked.set(true);
            }
        });
        Channel ch = publisher.createChannel();
        ch.queueDeclare("transient", false, false, false, null);
        AMQP.BasicProperties props = MessageProperties.BASIC;
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < 3000; i++) {
                    ch.basicPublish("", "transient", props, body(i));
                }
            } catch (IOException e) {
                // the test fails on its assertions
            }
        });
        t.setDaemon(true);
        t.start();
        await().atMost(DEADLINE).untilTrue(blocked);

        Channel consumer = broker.openConnection().createChannel();
        CollectingConsumer collector = new CollectingConsumer(consumer);
        consumer.basicConsume("transient", true, collector);
        await().atMost(DEADLINE).untilTrue(unblocked);
        t.join(DEADLINE.toMillis());
        assertThat(t.isAlive()).isFalse();
        assertThat(collector.nextBodies(3000)).hasSize(3000);
        Messages.assertEmpty(consumer, "transient");
    }
}
