package org.fieldpost.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Guards a test that abuses the broker: before it, opens a well-behaved RabbitMQ client connection and
 * records the JVM's thread count; after it, checks that the thread count settles back (no leaked
 * threads, within a small tolerance) and that the healthy connection still publishes and consumes.
 *
 * <p>Register it on an instance field after the {@link BrokerExtension} it uses:
 *
 * <pre>{@code
 * @RegisterExtension static BrokerExtension broker = new BrokerExtension();
 * @RegisterExtension HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);
 * }</pre>
 */
public final class HealthyConnectionCheck implements BeforeEachCallback, AfterEachCallback {

    /** Threads the JVM may legitimately add or keep meanwhile (JIT, GC, pools warming). */
    public static final int THREAD_TOLERANCE = 3;
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(15);

    private final BrokerExtension broker;
    private final Supplier<ConnectionFactory> factory;
    private Connection connection;
    private Channel channel;
    private String queue;
    private int threadBaseline;
    private int roundTrips;

    public HealthyConnectionCheck(BrokerExtension broker) {
        this(broker, broker::connectionFactory);
    }

    /** A check whose healthy connection comes from {@code factory} (a TLS one, say). */
    public HealthyConnectionCheck(BrokerExtension broker, Supplier<ConnectionFactory> factory) {
        this.broker = broker;
        this.factory = factory;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        connection = broker.track(factory.get().newConnection());
        channel = connection.createChannel();
        channel.confirmSelect();
        queue = channel.queueDeclare("", false, true, false, null).getQueue();
        assertRoundTrip();
        threadBaseline = Thread.getAllStackTraces().size();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        await("threads back to baseline " + threadBaseline + " + " + THREAD_TOLERANCE).atMost(SETTLE_DEADLINE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> Thread.getAllStackTraces().size() <= threadBaseline + THREAD_TOLERANCE);
        assertThat(connection.isOpen()).as("the healthy connection survived").isTrue();
        assertRoundTrip();
    }

    /** The healthy connection, for tests that want to use it during the abuse. */
    public Connection connection() {
        return connection;
    }

    /** Publishes a message and consumes it again through the healthy connection. */
    public void assertRoundTrip() throws Exception {
        String body = "healthy-" + (++roundTrips);
        Messages.publishConfirmed(channel, "", queue, body);
        assertThat(Messages.text(Messages.awaitGet(channel, queue).getBody())).isEqualTo(body);
        CollectingConsumer consumer = new CollectingConsumer(channel);
        String tag = channel.basicConsume(queue, true, consumer);
        Messages.publishConfirmed(channel, "", queue, body + "-consumed");
        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo(body + "-consumed");
        channel.basicCancel(tag);
    }
}
