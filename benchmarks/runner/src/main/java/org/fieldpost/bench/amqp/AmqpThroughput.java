package org.fieldpost.bench.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldpost.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput through the broker with the RabbitMQ Java client: N producer/consumer pairs, each pair
 * on its own queue, 1 KiB messages by default, manual acks in batches. Transient by default; with
 * {@code --persistent} the messages are persistent, the queues durable, and each producer uses
 * publisher confirms with a window of outstanding confirms ({@code --confirm-window}), so the rate
 * is that of messages made durable in the store. Prints the send and receive rates; it is a
 * measurement tool, not a test.
 */
@Command(name = "amqp-throughput", mixinStandardHelpOptions = true,
    description = "Publishes and consumes messages through the broker with the RabbitMQ client.")
public final class AmqpThroughput implements Callable<Integer> {
    private static final int ACK_EVERY = 100;

    @Option(names = "--pairs", description = "producer/consumer pairs (default 1)")
    private int pairs = 1;

    @Option(names = "--messages", description = "messages per producer (default 200000)")
    private int messages = 200_000;

    @Option(names = "--size", description = "body size in bytes (default 1024)")
    private int size = 1024;

    @Option(names = "--prefetch", description = "consumer prefetch (default 1000)")
    private int prefetch = 1000;

    @Option(names = "--uri", description = "broker URI; by default an embedded broker is started")
    private String uri;

    @Option(names = "--rounds", description = "rounds to run (default 3; the first is a warm-up)")
    private int rounds = 3;

    @Option(names = "--persistent", description = "persistent messages on durable queues, with publisher confirms")
    private boolean persistent;

    @Option(names = "--confirm-window", description = "outstanding confirms per producer (default 500)")
    private int confirmWindow = 500;

    @Option(names = "--data", description = "data directory of the embedded broker (default: a temporary one)")
    private Path data;

    @Override
    public Integer call() throws Exception {
        EmbeddedBroker broker = null;
        ConnectionFactory factory = new ConnectionFactory();
        Path dataDirectory = null;
        if (uri == null) {
            dataDirectory = data != null ? data : Files.createTempDirectory("fieldpost-bench-");
            broker = EmbeddedBroker.builder().port(0).dataDirectory(dataDirectory).build().start();
            factory.setPort(broker.port());
        } else {
            factory.setUri(uri);
        }
        try {
            for (int round = 1; round <= rounds; round++) {
                Result r = runRound(factory);
                System.out.printf("round %d%s: %s pairs=%d messages=%d size=%d  send %,.0f msg/s  "
                    + "receive %,.0f msg/s%n",
                    round, round == 1 ? " (warm-up)" : "", persistent ? "persistent" : "transient", pairs,
                    messages * pairs, size, r.sendRate, r.receiveRate);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (dataDirectory != null && data == null) {
                deleteRecursively(dataDirectory);
            }
        }
        return 0;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Result runRound(ConnectionFactory factory) throws Exception {
        List<Connection> connections = new ArrayList<>();
        CountDownLatch consumed = new CountDownLatch(pairs);
        AtomicLong lastReceive = new AtomicLong();
        List<String> queues = new ArrayList<>();
        try {
            for (int i = 0; i < pairs; i++) {
                Connection consumerConnection = factory.newConnection("bench-consumer-" + i);
                connections.add(consumerConnection);
                Channel channel = consumerConnection.createChannel();
                String queue = persistent
                    ? channel.queueDeclare("bench-" + i, true, false, false, null).getQueue()
                    : channel.queueDeclare("", false, true, true, null).getQueue();
                channel.queuePurge(queue);
                queues.add(queue);
                channel.basicQos(prefetch);
                channel.basicConsume(queue, false, counting(channel, consumed, lastReceive));
            }
            List<Thread> producers = new ArrayList<>();
            byte[] body = new byte[size];
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                Connection producerConnection = factory.newConnection("bench-producer-" + i);
                connections.add(producerConnection);
                String queue = queues.get(i);
                Thread t = new Thread(() -> publish(producerConnection, queue, body), "producer-" + i);
                producers.add(t);
                t.start();
            }
            for (Thread t : producers) {
                t.join();
            }
            long sent = System.nanoTime();
            if (!consumed.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("consumers did not finish");
            }
            double total = (double) messages * pairs;
            return new Result(total / seconds(start, sent), total / seconds(start, lastReceive.get()));
        } finally {
            if (persistent && !connections.isEmpty()) {
                try (Channel cleanup = connections.get(0).createChannel()) {
                    for (String q : queues) {
                        cleanup.queueDelete(q);
                    }
                }
            }
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private DefaultConsumer counting(Channel channel, CountDownLatch consumed, AtomicLong lastReceive) {
        return new DefaultConsumer(channel) {
            private long received;

            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                throws java.io.IOException {
                received++;
                if (received % ACK_EVERY == 0 || received == messages) {
                    getChannel().basicAck(envelope.getDeliveryTag(), true);
                }
                if (received == messages) {
                    lastReceive.set(System.nanoTime());
                    consumed.countDown();
                }
            }
        };
    }

    private void publish(Connection connection, String queue, byte[] body) {
        try (Channel channel = connection.createChannel()) {
            if (persistent) {
                publishConfirmed(channel, queue, body);
                return;
            }
            AMQP.BasicProperties transientProps = new AMQP.BasicProperties.Builder().deliveryMode(1).build();
            for (int n = 0; n < messages; n++) {
                channel.basicPublish("", queue, transientProps, body);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Persistent publishes with at most {@code confirmWindow} unconfirmed; returns when all are confirmed. */
    private void publishConfirmed(Channel channel, String queue, byte[] body) throws Exception {
        AMQP.BasicProperties persistentProps = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        Semaphore window = new Semaphore(confirmWindow);
        NavigableSet<Long> outstanding = new ConcurrentSkipListSet<>();
        AtomicLong nacked = new AtomicLong();
        channel.confirmSelect();
        channel.addConfirmListener((seq, multiple) -> window.release(settle(outstanding, seq, multiple)),
            (seq, multiple) -> {
                int n = settle(outstanding, seq, multiple);
                nacked.addAndGet(n);
                window.release(n);
            });
        for (int n = 0; n < messages; n++) {
            window.acquire();
            outstanding.add(channel.getNextPublishSeqNo());
            channel.basicPublish("", queue, persistentProps, body);
        }
        window.acquire(confirmWindow);
        if (nacked.get() > 0) {
            throw new IllegalStateException(nacked.get() + " messages were nacked");
        }
    }

    private static int settle(NavigableSet<Long> outstanding, long seq, boolean multiple) {
        if (!multiple) {
            return outstanding.remove(seq) ? 1 : 0;
        }
        NavigableSet<Long> done = outstanding.headSet(seq, true);
        int n = done.size();
        done.clear();
        return n;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private record Result(double sendRate, double receiveRate) {
    }
}
