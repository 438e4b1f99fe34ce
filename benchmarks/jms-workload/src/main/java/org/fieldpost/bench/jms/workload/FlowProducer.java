package org.fieldpost.bench.jms.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;

/**
 * One producer of a flow: its own connection and session, ready once its producer exists, sends
 * ids {@code first..first+count-1} once the start gate opens, committing every batch when
 * transacted.
 *
 * <p>Concurrency: runs on its own thread; reports to the shared {@link Failures}.
 */
final class FlowProducer implements Runnable {
    private final ConnectionFactory factory;
    private final FlowShape shape;
    private final String destination;
    private final byte[] body;
    private final long first;
    private final long count;
    private final CountDownLatch ready;
    private final CountDownLatch startGate;
    private final Failures failures;
    private volatile long finishedAtNanos;

    FlowProducer(ConnectionFactory factory, FlowShape shape, String destination, byte[] body, long first,
        long count, CountDownLatch ready, CountDownLatch startGate, Failures failures) {
        this.factory = factory;
        this.shape = shape;
        this.destination = destination;
        this.body = body;
        this.first = first;
        this.count = count;
        this.ready = ready;
        this.startGate = startGate;
        this.failures = failures;
    }

    @Override
    public void run() {
        try (Connection connection = factory.createConnection()) {
            Session session = shape.transacted()
                ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination target = shape.topic() ? session.createTopic(destination) : session.createQueue(destination);
            MessageProducer producer = session.createProducer(target);
            producer.setDeliveryMode(shape.deliveryMode());
            ready.countDown();
            startGate.await();
            int uncommitted = 0;
            for (long id = first; id < first + count; id++) {
                producer.send(Messages.create(session, body, id));
                if (shape.transacted() && ++uncommitted == shape.transactionBatch()) {
                    session.commit();
                    uncommitted = 0;
                }
            }
            if (uncommitted > 0) {
                session.commit();
            }
            finishedAtNanos = System.nanoTime();
        } catch (Exception e) {
            failures.add(Thread.currentThread().getName(), e);
        } finally {
            ready.countDown();
        }
    }

    /** When the last send (or commit) returned, or 0 if it never did. */
    long finishedAtNanos() {
        return finishedAtNanos;
    }
}
