package org.fieldpost.jms;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What an application server does around a connection consumer, in miniature: a fixed set of sessions of one
 * connection, each a {@link ServerSession} whose {@code start()} runs {@code Session.run()} on a small thread pool,
 * then an {@link AfterRun} step (e.g. commit), then returns the server session to the pool.
 * {@link #getServerSession()} blocks while all are busy. Records the size of every batch {@code run()} delivered.
 */
final class TestServerSessionPool implements ServerSessionPool, AutoCloseable {

    /** What the "container" does after {@code Session.run()} returned, e.g. commit or roll back. */
    @FunctionalInterface
    interface AfterRun {
        void after(Session session, List<Message> batch) throws JMSException;
    }

    private final BlockingQueue<PooledSession> idle = new LinkedBlockingQueue<>();
    private final ExecutorService threads;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<Session> sessionsThatRan = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ThreadLocal<List<Message>> batch = ThreadLocal.withInitial(ArrayList::new);

    /**
     * @param listener what each message is delivered to (on a pool thread, inside {@code Session.run()})
     */
    TestServerSessionPool(Connection connection, int size, int mode, MessageListener listener, AfterRun afterRun)
        throws JMSException {
        threads = Executors.newFixedThreadPool(size);
        for (int i = 0; i < size; i++) {
            Session session = connection.createSession(mode);
            session.setMessageListener(message -> {
                batch.get().add(message);
                listener.onMessage(message);
            });
            idle.add(new PooledSession(session, afterRun));
        }
    }

    TestServerSessionPool(Connection connection, int size, MessageListener listener) throws JMSException {
        this(connection, size, Session.AUTO_ACKNOWLEDGE, listener, (s, b) -> { });
    }

    @Override
    public ServerSession getServerSession() throws JMSException {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for a server session");
        }
    }

    /** The number of messages of each {@code run()} that delivered any. */
    List<Integer> batchSizes() {
        return batchSizes;
    }

    /** The sessions whose {@code run()} delivered messages, once per run. */
    List<Session> sessionsThatRan() {
        return sessionsThatRan;
    }

    /** What the listener or the after-run step threw. */
    List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class PooledSession implements ServerSession {
        private final Session session;
        private final AfterRun afterRun;

        PooledSession(Session session, AfterRun afterRun) {
            this.session = session;
            this.afterRun = afterRun;
        }

        @Override
        public Session getSession() {
            return session;
        }

        @Override
        public void start() {
            threads.execute(() -> {
                batch.get().clear();
                try {
                    session.run();
                    List<Message> delivered = List.copyOf(batch.get());
                    if (!delivered.isEmpty()) {
                        batchSizes.add(delivered.size());
                        sessionsThatRan.add(session);
                    }
                    afterRun.after(session, delivered);
                } catch (JMSException | RuntimeException e) {
                    failures.add(e);
                } finally {
                    idle.add(this);
                }
            });
        }
    }
}
