package org.fieldpost.bench.jms.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.bench.jms.ExactlyOnceChecker;

/**
 * One consumer (or topic subscriber) of a flow: receives synchronously until its checker has every
 * id, or until nothing has arrived for the idle time-out, then listens a little longer to catch
 * late duplicates.
 *
 * <p>Concurrency: runs on its own thread; several consumers of one queue share one checker.
 */
final class FlowConsumer implements Runnable {
    private static final long POLL_MILLIS = 50;

    private final ConnectionFactory factory;
    private final FlowShape shape;
    private final String destination;
    private final WorkloadSpec spec;
    private final ExactlyOnceChecker checker;
    private final CountDownLatch ready;
    private final Failures failures;
    private volatile long completedAtNanos;

    FlowConsumer(ConnectionFactory factory, FlowShape shape, String destination, WorkloadSpec spec,
        ExactlyOnceChecker checker, CountDownLatch ready, Failures failures) {
        this.factory = factory;
        this.shape = shape;
        this.destination = destination;
        this.spec = spec;
        this.checker = checker;
        this.ready = ready;
        this.failures = failures;
    }

    @Override
    public void run() {
        try (Connection connection = factory.createConnection()) {
            Session session = shape.transacted()
                ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination source = shape.topic() ? session.createTopic(destination) : session.createQueue(destination);
            MessageConsumer consumer = session.createConsumer(source);
            connection.start();
            ready.countDown();
            receiveAll(session, consumer);
            drain(session, consumer);
        } catch (Exception e) {
            failures.add(Thread.currentThread().getName(), e);
        } finally {
            ready.countDown();
        }
    }

    private void receiveAll(Session session, MessageConsumer consumer) throws Exception {
        long idleLimit = spec.idleTimeout().toNanos();
        long lastArrival = System.nanoTime();
        int uncommitted = 0;
        while (!checker.isComplete()) {
            Message message = consumer.receive(POLL_MILLIS);
            if (message == null) {
                if (uncommitted > 0) {
                    session.commit();
                    uncommitted = 0;
                }
                if (System.nanoTime() - lastArrival > idleLimit) {
                    failures.add(Thread.currentThread().getName() + ": nothing arrived for "
                        + spec.idleTimeout().toSeconds() + " s");
                    return;
                }
                continue;
            }
            lastArrival = System.nanoTime();
            boolean completes = accept(message);
            if (shape.transacted() && (++uncommitted == shape.transactionBatch() || completes)) {
                session.commit();
                uncommitted = 0;
            }
            if (completes) {
                completedAtNanos = System.nanoTime();
            }
        }
        if (uncommitted > 0) {
            session.commit();
        }
    }

    private boolean accept(Message message) throws Exception {
        if (!Messages.bodyIntact(message, spec.size())) {
            checker.recordCorrupt();
        }
        return checker.record(Messages.id(message));
    }

    /** Keeps receiving for the drain period after completion: anything that comes now is a duplicate. */
    private void drain(Session session, MessageConsumer consumer) throws Exception {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.drain().toMillis());
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            Message message = consumer.receive(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (message != null) {
                accept(message);
                if (shape.transacted()) {
                    session.commit();
                }
            }
        }
    }

    /** When this consumer received (and committed) the message that completed the set, or 0. */
    long completedAtNanos() {
        return completedAtNanos;
    }
}
