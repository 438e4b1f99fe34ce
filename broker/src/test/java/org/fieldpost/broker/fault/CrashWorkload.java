package org.fieldpost.broker.fault;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of the crash test and its ledger: publishers with confirms (a window of outstanding
 * confirms each), acking consumers, and a transactional worker that turns one request into three
 * replies and acks the request in the same {@code tx.commit}. Everything seen is recorded so that
 * the test can check the broker's promises after any number of kills.
 *
 * <p>Concurrency: the ledger's collections are concurrent; client callbacks and worker threads
 * write them, the test thread reads them once everything has stopped.
 */
final class CrashWorkload {

    static final String TX_IN = "tx-in";
    static final String TX_OUT = "tx-out";
    static final int REPLIES_PER_REQUEST = 3;
    private static final int CONFIRM_WINDOW = 50;
    private static final int REPLY_BATCH = 10;
    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    final List<String> queues;
    /** Every id a publisher sent. */
    final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** Ids the broker confirmed (basic.ack). */
    final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    /** Per id, the redelivered flag of each delivery, in delivery order. */
    final Map<String, List<Boolean>> deliveries = new ConcurrentHashMap<>();
    /** Requests whose tx.commit-ok arrived. */
    final Set<String> committedRequests = ConcurrentHashMap.newKeySet();
    /** Replies delivered to the transactional reply consumer, committed or not. */
    final Set<String> consumedReplies = ConcurrentHashMap.newKeySet();
    /** Replies whose consumer's tx.commit-ok arrived: they must never come back. */
    final Set<String> committedReplies = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong();

    CrashWorkload(List<String> queues) {
        this.queues = List.copyOf(queues);
    }

    /** Declares the durable queues and stores {@code requests} transactional requests, confirmed. */
    void setUp(ConnectionFactory factory, int requests) throws Exception {
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
            for (String q : queues) {
                ch.queueDeclare(q, true, false, false, null);
            }
            ch.queueDeclare(TX_IN, true, false, false, null);
            ch.queueDeclare(TX_OUT, true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < requests; i++) {
                ch.basicPublish("", TX_IN, PERSISTENT, ("request-" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(60_000);
        }
    }

    /** Starts publishers, consumers and the transactional worker; they run until the broker dies. */
    List<Thread> start(ConnectionFactory factory) {
        List<Thread> threads = new ArrayList<>();
        for (String q : queues) {
            threads.add(daemon("publisher-" + q, () -> publish(factory, q)));
            threads.add(daemon("consumer-" + q, () -> consume(factory, q)));
        }
        threads.add(daemon("tx-worker", () -> transact(factory)));
        threads.add(daemon("tx-reply-consumer", () -> consumeReplies(factory)));
        threads.forEach(Thread::start);
        return threads;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private void publish(ConnectionFactory factory, String queue) {
        NavigableMap<Long, String> outstanding = new ConcurrentSkipListMap<>();
        Semaphore window = new Semaphore(CONFIRM_WINDOW);
        try (Connection c = factory.newConnection()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.addConfirmListener((seq, multiple) -> settle(outstanding, window, seq, multiple, true),
                (seq, multiple) -> settle(outstanding, window, seq, multiple, false));
            while (c.isOpen()) {
                if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                String id = queue + "-" + nextId.incrementAndGet();
                outstanding.put(ch.getNextPublishSeqNo(), id);
                sent.add(id);
                ch.basicPublish("", queue, PERSISTENT, id.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception | Error e) {
            // the broker was killed: expected
        }
    }

    private void settle(NavigableMap<Long, String> outstanding, Semaphore window, long seq, boolean multiple,
                        boolean ack) {
        NavigableMap<Long, String> done = multiple ? outstanding.headMap(seq, true) : outstanding.subMap(seq, true,
            seq, true);
        int n = 0;
        for (String id : done.values()) {
            if (ack) {
                confirmed.add(id);
            }
            n++;
        }
        done.clear();
        window.release(n);
    }

    private void consume(ConnectionFactory factory, String queue) {
        try {
            Connection c = factory.newConnection();
            Channel ch = c.createChannel();
            ch.basicQos(50);
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                    record(new String(body, StandardCharsets.UTF_8), envelope.isRedeliver());
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
        } catch (Exception e) {
            // the broker was killed: expected
        }
    }

    void record(String id, boolean redelivered) {
        deliveries.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(redelivered);
    }

    private void transact(ConnectionFactory factory) {
        try (Connection c = factory.newConnection()) {
            Channel ch = c.createChannel();
            ch.txSelect();
            while (true) {
                GetResponse request = ch.basicGet(TX_IN, false);
                if (request == null) {
                    return;
                }
                String id = new String(request.getBody(), StandardCharsets.UTF_8);
                for (int i = 0; i < REPLIES_PER_REQUEST; i++) {
                    ch.basicPublish("", TX_OUT, PERSISTENT, (id + "/reply-" + i).getBytes(StandardCharsets.UTF_8));
                }
                ch.basicAck(request.getEnvelope().getDeliveryTag(), false);
                ch.txCommit();
                committedRequests.add(id);
            }
        } catch (Exception e) {
            // the broker was killed: expected
        }
    }

    /**
     * Consumes the replies in transactions of up to {@value #REPLY_BATCH}, acknowledged together
     * and committed while the worker's transactions that published them may still be in flight:
     * the store may then commit both together and write neither.
     */
    private void consumeReplies(ConnectionFactory factory) {
        BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
        try (Connection c = factory.newConnection()) {
            Channel ch = c.createChannel();
            ch.basicQos(3 * REPLY_BATCH);
            ch.txSelect();
            ch.basicConsume(TX_OUT, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    String id = new String(body, StandardCharsets.UTF_8);
                    consumedReplies.add(id);
                    arrived.add(new Delivery(envelope.getDeliveryTag(), id));
                }
            });
            List<Delivery> batch = new ArrayList<>();
            while (c.isOpen()) {
                Delivery first = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                arrived.drainTo(batch, REPLY_BATCH - 1);
                ch.basicAck(batch.get(batch.size() - 1).tag(), true);
                ch.txCommit();
                batch.forEach(d -> committedReplies.add(d.id()));
                batch.clear();
            }
        } catch (Exception e) {
            // the broker was killed: expected
        }
    }

    private record Delivery(long tag, String id) {
    }

    /** Takes every message left in {@code queue} (basic.get with ack) and returns the bodies. */
    static List<String> drain(Channel ch, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = ch.basicGet(queue, false); r != null; r = ch.basicGet(queue, false)) {
            bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
            ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        }
        return bodies;
    }

    /** Drains the work queues into the ledger (as deliveries) after the last restart. */
    void drainWorkQueues(Channel ch) throws IOException {
        for (String q : queues) {
            for (GetResponse r = ch.basicGet(q, false); r != null; r = ch.basicGet(q, false)) {
                record(new String(r.getBody(), StandardCharsets.UTF_8), r.getEnvelope().isRedeliver());
                ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
        }
    }
}
