package org.fieldpost.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Small helpers for publishing and fetching UTF-8 text messages in tests. */
public final class Messages {

    /** How long {@link #awaitGet} polls with basic.get before failing the test. */
    public static final Duration GET_DEADLINE = Duration.ofSeconds(10);

    /** How long {@link #publishConfirmed} waits for the broker's confirm. */
    public static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(10);

    private Messages() {
    }

    /** UTF-8 bytes of {@code text}. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 text of {@code body}. */
    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Publishes a transient text message. */
    public static void publish(Channel channel, String exchange, String routingKey, String body)
            throws IOException {
        channel.basicPublish(exchange, routingKey, null, utf8(body));
    }

    /** Publishes a text message with properties. */
    public static void publish(Channel channel, String exchange, String routingKey, AMQP.BasicProperties props,
            String body) throws IOException {
        channel.basicPublish(exchange, routingKey, props, utf8(body));
    }

    /**
     * Publishes on a channel in confirm mode and waits for the broker's ack, so that routing is complete
     * when this returns and a following basic.get or message count sees the outcome deterministically.
     */
    public static void publishConfirmed(Channel channel, String exchange, String routingKey,
            AMQP.BasicProperties props, String body) throws IOException, InterruptedException {
        channel.basicPublish(exchange, routingKey, props, utf8(body));
        try {
            channel.waitForConfirmsOrDie(CONFIRM_DEADLINE.toMillis());
        } catch (TimeoutException e) {
            throw new AssertionError("no publisher confirm within " + CONFIRM_DEADLINE, e);
        }
    }

    /** {@link #publishConfirmed(Channel, String, String, AMQP.BasicProperties, String)} without properties. */
    public static void publishConfirmed(Channel channel, String exchange, String routingKey, String body)
            throws IOException, InterruptedException {
        publishConfirmed(channel, exchange, routingKey, null, body);
    }

    /** Takes every ready message from {@code queue} with basic.get (auto-ack) and returns the bodies in order. */
    public static List<String> drain(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
            bodies.add(text(r.getBody()));
        }
        return bodies;
    }

    /**
     * Polls {@code queue} with basic.get (auto-ack) until a message arrives, for publishes whose routing
     * is asynchronous to the publisher.
     */
    public static GetResponse awaitGet(Channel channel, String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(GET_DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            got.set(channel.basicGet(queue, true));
            return got.get() != null;
        });
        return got.get();
    }

    /** Fetches {@code count} messages with {@link #awaitGet} and returns their bodies in order. */
    public static List<String> awaitBodies(Channel channel, String queue, int count) {
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(text(awaitGet(channel, queue).getBody()));
        }
        return bodies;
    }

    /** Waits until {@code queue} holds exactly {@code count} ready messages (queue.declare-passive). */
    public static void awaitMessageCount(Channel channel, String queue, int count) {
        await().atMost(GET_DEADLINE).pollInterval(Duration.ofMillis(20))
            .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == count);
    }

    /** Asserts that {@code queue} is empty now (basic.get-empty). */
    public static void assertEmpty(Channel channel, String queue) throws IOException {
        GetResponse response = channel.basicGet(queue, true);
        assertThat(response).as("queue %s should be empty, got %s", queue,
            response == null ? null : text(response.getBody())).isNull();
    }
}
