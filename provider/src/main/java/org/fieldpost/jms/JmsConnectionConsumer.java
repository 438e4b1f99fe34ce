package org.fieldpost.jms;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fieldpost.jms.amqp.Delivery;
import org.fieldpost.jms.message.FieldpostMessage;
import org.fieldpost.protocol.method.AmqpBasic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection consumer (Jakarta Messaging 3.1, chapter "Application server facilities"): an ordinary
 * {@link JmsMessageConsumer} on a session of its own (its <em>receiving session</em>, CLIENT_ACKNOWLEDGE, so that
 * nothing is acknowledged behind its back), whose deliveries a thread of its own hands out in batches: for each
 * batch of up to {@code maxMessages} messages it takes a {@link ServerSession} from the pool, loads the messages
 * into that server session's {@link JmsSession} ({@link LoadedDeliveries}) and calls {@link ServerSession#start()};
 * the application server then calls {@code Session.run()}, which delivers them to the session's listener.
 *
 * <p>Each message stays unacknowledged on the receiving session's channel until the server session settles it
 * ({@link Loaded#ack()}, {@link Loaded#requeue()}) per its own mode. The receiving session belongs to the
 * connection like any other, so {@code stop()} pauses it ({@code channel.flow}) and {@code start()} resumes it.
 * {@link #close()} cancels the consumer, which gives its buffered messages back to the broker, waits (up to the
 * close timeout) for loaded messages to be settled, then closes the receiving session, whose channel close
 * requeues whatever is still unsettled.
 *
 * <p>Threading: the batch thread {@code fieldpost-connection-consumer-C-N} waits for deliveries and for the pool;
 * the I/O thread only fills the consumer's buffer; listeners run on the application server's threads.
 */
final class JmsConnectionConsumer implements ConnectionConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(JmsConnectionConsumer.class);
    /** How long the batch thread waits for a delivery before it looks at {@code closed} again. */
    private static final long POLL_MILLIS = 500;

    private final JmsConnection connection;
    private final JmsSession receiving;
    private final JmsMessageConsumer consumer;
    private final ServerSessionPool pool;
    private final int maxMessages;
    private final Thread thread;
    private final Object settling = new Object();
    private int unsettled; // guarded by settling
    private volatile boolean closed;

    private JmsConnectionConsumer(JmsConnection connection, JmsSession receiving, JmsMessageConsumer consumer,
        ServerSessionPool pool, int maxMessages, String threadName) {
        this.connection = connection;
        this.receiving = receiving;
        this.consumer = consumer;
        this.pool = pool;
        this.maxMessages = maxMessages;
        this.thread = new Thread(this::handOut, threadName);
        thread.setDaemon(true);
    }

    /** How the receiving session's consumer is made from it; e.g. {@code s -> s.createConsumer(queue, selector)}. */
    @FunctionalInterface
    interface ConsumerFactory {
        JmsMessageConsumer create(JmsSession session) throws JMSException;
    }

    /**
     * Opens the receiving session, creates its consumer and starts handing out. Blocks for the broker round trips.
     *
     * @throws JMSException for a null pool or {@code maxMessages < 1}; otherwise as the consumer's creation
     *     (InvalidDestinationException, InvalidSelectorException, IllegalStateException without a client id for a
     *     durable subscription, ...)
     */
    static JmsConnectionConsumer open(JmsConnection connection, ServerSessionPool pool, int maxMessages,
        ConsumerFactory factory) throws JMSException {
        connection.checkClosed();
        if (pool == null) {
            throw new JMSException("a connection consumer needs a ServerSessionPool");
        }
        if (maxMessages < 1) {
            throw new JMSException("maxMessages must be at least 1, not " + maxMessages);
        }
        JmsSession receiving = connection.newSession(Session.CLIENT_ACKNOWLEDGE);
        try {
            JmsMessageConsumer consumer = factory.create(receiving);
            JmsConnectionConsumer cc = new JmsConnectionConsumer(connection, receiving, consumer, pool, maxMessages,
                "fieldpost-connection-consumer-" + connection.id() + "-" + receiving.id());
            cc.thread.start();
            return cc;
        } catch (JMSException | RuntimeException e) {
            receiving.close();
            throw e;
        }
    }

    @Override
    public ServerSessionPool getServerSessionPool() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the connection consumer is closed");
        }
        return pool;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        consumer.close();
        long timeout = connection.settings().closeTimeoutMillis();
        try {
            thread.join(100);
            if (thread.isAlive()) {
                thread.interrupt(); // waiting for the pool: the batch it holds goes back to the broker
                thread.join(timeout);
            }
            awaitSettled(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiving.close();
        connection.removeConnectionConsumer(this);
    }

    private void awaitSettled(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (settling) {
            long left;
            while (unsettled > 0 && (left = deadline - System.nanoTime()) > 0) {
                settling.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (unsettled > 0) {
                LOG.debug("FP-J022 {} loaded messages of {} were not settled before close; they go back", unsettled,
                    this);
            }
        }
    }

    // ---- the batch thread

    private void handOut() {
        while (!closed && receiving.failure() == null) {
            List<Loaded> batch = nextBatch();
            if (!batch.isEmpty()) {
                hand(batch);
            }
        }
    }

    /** Waits for a first delivery (while the connection is started), then takes what else is buffered. */
    private List<Loaded> nextBatch() {
        List<Loaded> batch = new ArrayList<>();
        while (batch.size() < maxMessages && !closed) {
            Delivery delivery = consumer.nextDelivery(batch.isEmpty() ? POLL_MILLIS : 0);
            if (delivery == null) {
                break;
            }
            FieldpostMessage message = receiving.dispatcher().consume(consumer, delivery);
            if (message != null) {
                synchronized (settling) {
                    unsettled++;
                }
                batch.add(new Loaded(message, delivery.deliveryTag()));
            }
        }
        return batch;
    }

    private void hand(List<Loaded> batch) {
        try {
            // Even when closed meanwhile: the server session is the pool's until its run(), so it gets the batch.
            ServerSession serverSession = pool.getServerSession();
            if (!(serverSession.getSession() instanceof JmsSession session)) {
                throw new JMSException("the ServerSession's session is not a Fieldpost session");
            }
            session.loaded().load(batch);
            serverSession.start();
        } catch (JMSException | RuntimeException e) {
            if (closed) {
                LOG.debug("FP-J021 {} closed while it waited for a server session", this, e);
            } else {
                LOG.warn("FP-J021 {} could not hand {} messages to a server session; they go back to the broker",
                    this, batch.size(), e);
            }
            batch.forEach(Loaded::requeue);
        }
    }

    /** Settles one delivery on the receiving session's channel, once. */
    private void settle(long tag, boolean ack) {
        if (receiving.dispatcher().tracker().forget(tag) && receiving.channel().isOpen()) {
            receiving.channel().send(ack ? new AmqpBasic.Ack(tag, false) : new AmqpBasic.Reject(tag, true));
        }
        synchronized (settling) {
            unsettled--;
            settling.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "JmsConnectionConsumer[" + consumer + " maxMessages=" + maxMessages + "]";
    }

    /**
     * A message loaded into a server session: acknowledged or requeued exactly once, on the channel it arrived on.
     * Thread-safe.
     */
    final class Loaded {
        private final FieldpostMessage message;
        private final long tag;
        private final AtomicBoolean settled = new AtomicBoolean();

        Loaded(FieldpostMessage message, long tag) {
            this.message = message;
            this.tag = tag;
        }

        FieldpostMessage message() {
            return message;
        }

        /** The message was processed: {@code basic.ack}. Does not block. */
        void ack() {
            if (settled.compareAndSet(false, true)) {
                settle(tag, true);
            }
        }

        /** The message goes back to the broker, flagged redelivered: {@code basic.reject requeue=true}. */
        void requeue() {
            if (settled.compareAndSet(false, true)) {
                settle(tag, false);
            }
        }
    }
}
