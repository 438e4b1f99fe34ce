package org.fieldpost.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A consumer that hands every delivery to the test thread through a blocking queue.
 *
 * <p>Concurrency: the client's consumer thread calls the {@code handle*} methods; the test thread
 * reads with the {@code next*}/{@code assert*} methods. The queue and latches are the only shared state.
 */
public final class CollectingConsumer extends DefaultConsumer {

    /** How long {@link #next()} waits for a delivery before failing the test. */
    public static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(10);

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final CountDownLatch cancelledByBroker = new CountDownLatch(1);
    private final CountDownLatch cancelOk = new CountDownLatch(1);
    private volatile ShutdownSignalException shutdown;

    public CollectingConsumer(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
            byte[] body) {
        deliveries.add(new Delivery(envelope, properties, body));
    }

    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker.countDown();
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        cancelOk.countDown();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        shutdown = sig;
    }

    /** The next delivery; fails the test if none arrives within {@link #DELIVERY_DEADLINE}. */
    public Delivery next() throws InterruptedException {
        Delivery delivery = deliveries.poll(DELIVERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delivery).as("a delivery within %s", DELIVERY_DEADLINE).isNotNull();
        return delivery;
    }

    /** The next {@code count} deliveries, in arrival order. */
    public List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(next());
        }
        return result;
    }

    /** The bodies of the next {@code count} deliveries as UTF-8 strings. */
    public List<String> nextBodies(int count) throws InterruptedException {
        List<String> result = new ArrayList<>(count);
        for (Delivery delivery : next(count)) {
            result.add(body(delivery));
        }
        return result;
    }

    /** The next delivery within {@code wait}, or {@code null} if none arrives. */
    public Delivery poll(Duration wait) throws InterruptedException {
        return deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asserts that nothing is delivered during {@code quiet}. */
    public void assertNoDeliveryWithin(Duration quiet) throws InterruptedException {
        Delivery unexpected = deliveries.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(unexpected).as("no delivery expected, got %s", unexpected == null ? null : body(unexpected))
            .isNull();
    }

    /** Whether the broker cancelled this consumer (basic.cancel from the server) within the deadline. */
    public boolean awaitCancelledByBroker() throws InterruptedException {
        return cancelledByBroker.await(DELIVERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether our own basic.cancel was confirmed with cancel-ok within the deadline. */
    public boolean awaitCancelOk() throws InterruptedException {
        return cancelOk.await(DELIVERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True if the broker cancelled this consumer (without waiting). */
    public boolean cancelledByBroker() {
        return cancelledByBroker.getCount() == 0;
    }

    /** The shutdown signal the channel delivered to this consumer, or {@code null}. */
    public ShutdownSignalException shutdownSignal() {
        return shutdown;
    }

    /** A delivery's body decoded as UTF-8. */
    public static String body(Delivery delivery) {
        return new String(delivery.getBody(), StandardCharsets.UTF_8);
    }
}
