package org.fieldpost.broker.vhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.queue.Consumer;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many publishers into shared queues, several consumers per queue acking (and sometimes requeuing)
 * from their own threads, like channels on different event loops: every message must be
 * acknowledged exactly once, without deadlock, within a deadline.
 */
class VirtualHostConcurrencyTest {

    private static final int PUBLISHERS = 4;
    private static final int PER_PUBLISHER = 5_000;
    private static final int CONSUMERS_PER_QUEUE = 3;

    private final HostFixture fx = new HostFixture();
    private final VirtualHost host = fx.host;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<Long, AtomicInteger> acked = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    @AfterEach
    void close() throws Exception {
        running = false;
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        fx.close();
    }

    @Test
    void everyMessageIsAcknowledgedExactlyOnce() throws Exception {
        Object conn = new Object();
        List<MessageQueue> queues = List.of(
            host.declareQueue("q1", false, true, false, false, null, conn),
            host.declareQueue("q2", false, true, false, false, null, conn));
        host.bindQueue("q1", "amq.direct", "a", null, conn);
        host.bindQueue("q2", "amq.direct", "b", null, conn);
        for (MessageQueue q : queues) {
            for (int i = 0; i < CONSUMERS_PER_QUEUE; i++) {
                ChannelConsumer c = new ChannelConsumer(q, 10);
                q.addConsumer(c, false);
                threads.submit(c::run);
            }
        }

        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            publishers.add(threads.submit(() -> {
                for (int i = 0; i < PER_PUBLISHER; i++) {
                    host.publish("amq.direct", fx.message(i % 2 == 0 ? "a" : "b", "m", 2, null, null));
                }
                return null;
            }));
        }
        for (Future<?> f : publishers) {
            f.get(60, TimeUnit.SECONDS);
        }

        int total = PUBLISHERS * PER_PUBLISHER;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(acked).hasSize(total));
        assertThat(acked.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        for (MessageQueue q : queues) {
            assertThat(q.messageCount()).isZero();
            assertThat(q.unacknowledgedCount()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.store.storedMessageCount() == 0);
    }

    /**
     * A consumer whose deliveries are handed to its own thread, as a channel hands writes to its
     * event loop; it acks (or requeues one message in 50 the first time) and then frees credit.
     */
    private final class ChannelConsumer implements Consumer {
        private final MessageQueue queue;
        private final AtomicInteger credit;
        private final LinkedBlockingQueue<QueueEntry> inbox = new LinkedBlockingQueue<>();

        ChannelConsumer(MessageQueue queue, int prefetch) {
            this.queue = queue;
            this.credit = new AtomicInteger(prefetch);
        }

        @Override
        public String tag() {
            return "c";
        }

        @Override
        public boolean noAck() {
            return false;
        }

        @Override
        public Object connection() {
            return this;
        }

        @Override
        public boolean tryDeliver(QueueEntry entry) {
            if (credit.get() == 0) {
                return false;
            }
            credit.decrementAndGet();
            inbox.add(entry);
            return true;
        }

        @Override
        public void cancelledByBroker() {
        }

        void run() {
            try {
                while (running) {
                    QueueEntry e = inbox.poll(100, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        continue;
                    }
                    if (!e.redelivered() && e.message().id() % 50 == 0) {
                        queue.release(e, true);
                    } else {
                        queue.acknowledge(e);
                        acked.computeIfAbsent(e.message().id(), id -> new AtomicInteger()).incrementAndGet();
                    }
                    credit.incrementAndGet();
                    queue.consumerReady(this);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
