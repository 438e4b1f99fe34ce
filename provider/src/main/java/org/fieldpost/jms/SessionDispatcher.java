package org.fieldpost.jms;

import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.jms.amqp.Delivery;
import org.fieldpost.jms.message.AmqpMessageCodec;
import org.fieldpost.jms.message.FieldpostMessage;
import org.fieldpost.protocol.method.AmqpBasic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery side of a {@link JmsSession}: its single delivery thread, the lock held while a listener
 * runs, acknowledgement per mode, and recovery.
 *
 * <p>Threading: message listeners and completion listeners run on the one thread of {@code executor}
 * ({@code fieldpost-session-C-S}); a listener task is queued per buffered message. {@code deliveryLock}
 * is held around every listener call and every recovery, so {@link #pause()} (stop, close) waits for a
 * running listener simply by taking it.
 */
final class SessionDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDispatcher.class);
    private static final ThreadLocal<JmsSession> CALLBACK = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> IN_COMPLETION = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final int DUPS_OK_BATCH = 32;

    private final JmsSession session;
    private final ClientChannel channel;
    private final int mode;
    private final ExecutorService executor;
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final DeliveryTracker tracker = new DeliveryTracker();
    /** True while a write of settled acks is queued on the I/O thread and has not taken them yet. */
    private final AtomicBoolean acksQueued = new AtomicBoolean();
    private volatile Thread thread;

    SessionDispatcher(JmsSession session, ClientChannel channel, int mode, String threadName) {
        this.session = session;
        this.channel = channel;
        this.mode = mode;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** The session whose message or completion listener the current thread is running, or null. */
    static JmsSession callbackSession() {
        return CALLBACK.get();
    }

    /** Whether the current thread runs a CompletionListener of {@code session}. */
    static boolean inCompletionListenerOf(JmsSession session) {
        return CALLBACK.get() == session && IN_COMPLETION.get();
    }

    DeliveryTracker tracker() {
        return tracker;
    }

    boolean inDeliveryThread() {
        return Thread.currentThread() == thread;
    }

    boolean holdsDeliveryLock() {
        return deliveryLock.isHeldByCurrentThread();
    }

    /** Waits until no listener runs (unless called from one). Callers have already stopped delivery. */
    void pause() {
        if (!deliveryLock.isHeldByCurrentThread()) {
            deliveryLock.lock();
            deliveryLock.unlock();
        }
    }

    /** Runs {@code action} with delivery held (re-entrant from a listener). */
    void holding(JmsAction action) throws JMSException {
        boolean own = deliveryLock.isHeldByCurrentThread();
        if (!own) {
            deliveryLock.lock();
        }
        try {
            action.run();
        } finally {
            if (!own) {
                deliveryLock.unlock();
            }
        }
    }

    /** An action that may throw a JMSException. */
    @FunctionalInterface
    interface JmsAction {
        void run() throws JMSException;
    }

    /**
     * Turns a delivery into the message handed to the application, or null if it must be skipped
     * (requeued by a recovery, or expired). Marks it consumed.
     */
    FieldpostMessage consume(JmsMessageConsumer consumer, Delivery delivery) {
        if (delivery.epoch() < channel.epoch()) {
            return null;
        }
        FieldpostMessage message = AmqpMessageCodec.decode(delivery.properties(), delivery.body(),
            delivery.redelivered(), delivery.exchange(), delivery.routingKey());
        if (consumer.isBrowser()) {
            return message;
        }
        long expiration = message.getJMSExpiration();
        if (expiration != 0 && expiration < System.currentTimeMillis()) {
            if (tracker.forget(delivery.deliveryTag())) {
                channel.send(new AmqpBasic.Ack(delivery.deliveryTag(), false));
            }
            return null;
        }
        if (!tracker.consumed(delivery.deliveryTag())) {
            return null;
        }
        if (mode == Session.CLIENT_ACKNOWLEDGE) {
            message.setAcknowledger(session::acknowledge);
        }
        return message;
    }

    /** After a message was handed out: AUTO/DUPS_OK ack it, or (its listener threw) redeliver it. */
    void afterDelivery(Delivery delivery, boolean listenerFailed, Collection<JmsMessageConsumer> consumers) {
        if (mode == Session.CLIENT_ACKNOWLEDGE || mode == Session.SESSION_TRANSACTED) {
            return;
        }
        if (listenerFailed) {
            // Spec 8.7: AUTO/DUPS_OK redeliver a message whose listener threw a RuntimeException.
            if (tracker.forget(delivery.deliveryTag())) {
                channel.send(new AmqpBasic.Reject(delivery.deliveryTag(), true));
            }
            return;
        }
        if (mode == Session.AUTO_ACKNOWLEDGE || tracker.consumedCount() >= DUPS_OK_BATCH
            || consumers.stream().noneMatch(JmsMessageConsumer::hasBuffered)) {
            sendAcks();
        }
    }

    /**
     * Acks exactly the deliveries consumed so far. Does not block. The acks are built on the I/O thread
     * when it gets to them, so deliveries settled meanwhile share one {@code multiple} ack; they are
     * written before any method the caller sends after this returns.
     */
    void sendAcks() {
        tracker.settleConsumed();
        if (acksQueued.compareAndSet(false, true)) {
            channel.sendComputed(() -> {
                acksQueued.set(false); // before taking: a settle that sees false queues a new write
                return tracker.takeSettlingAcks();
            });
        }
    }

    /** basic.recover with delivery held; see {@link JmsSession}. Blocks until recover-ok. */
    void redeliverUnacknowledged(Collection<JmsMessageConsumer> consumers) throws JMSException {
        holding(() -> {
            for (JmsMessageConsumer consumer : consumers) {
                consumer.dropBuffered();
            }
            tracker.clear();
            JmsSession.await(channel.recover(), "basic.recover");
            int epoch = channel.epoch();
            tracker.purgeBefore(epoch);
            for (JmsMessageConsumer consumer : consumers) {
                consumer.dropStale(epoch);
            }
        });
    }

    /** Asks the delivery thread to deliver one buffered message of {@code consumer} to its listener. */
    void schedule(JmsMessageConsumer consumer) {
        try {
            executor.execute(() -> dispatchOne(consumer));
        } catch (RejectedExecutionException e) {
            LOG.trace("session closed, delivery to {} dropped", consumer);
        }
    }

    private void dispatchOne(JmsMessageConsumer consumer) {
        deliveryLock.lock();
        CALLBACK.set(session);
        try {
            MessageListener listener = consumer.listener();
            if (!session.isStarted() || consumer.isClosed() || listener == null) {
                return;
            }
            Delivery delivery = consumer.poll();
            if (delivery == null) {
                return;
            }
            FieldpostMessage message = consume(consumer, delivery);
            if (message == null) {
                return;
            }
            boolean failed = false;
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("FP-J010 message listener of {} threw; the message will be redelivered", consumer, e);
                failed = true;
            }
            afterDelivery(delivery, failed, session.consumers());
        } finally {
            CALLBACK.remove();
            deliveryLock.unlock();
        }
    }

    /**
     * {@code Session.run()}: calls a listener on the calling thread as the delivery thread would, holding the
     * delivery lock (so stop and close wait for it) with the callback marked (so the listener rules apply).
     *
     * @return false if the listener threw a RuntimeException (logged)
     */
    boolean onCallingThread(MessageListener listener, FieldpostMessage message) {
        deliveryLock.lock();
        JmsSession outer = CALLBACK.get();
        CALLBACK.set(session);
        try {
            listener.onMessage(message);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("FP-J010 message listener of {} threw; the message will be redelivered", session, e);
            return false;
        } finally {
            if (outer == null) {
                CALLBACK.remove();
            } else {
                CALLBACK.set(outer);
            }
            deliveryLock.unlock();
        }
    }

    /** Runs a CompletionListener callback on the delivery thread, marked so that close/commit refuse. */
    void runCompletion(Runnable callback) {
        Runnable task = () -> {
            CALLBACK.set(session);
            IN_COMPLETION.set(Boolean.TRUE);
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("FP-J011 completion listener threw", e);
            } finally {
                IN_COMPLETION.set(Boolean.FALSE);
                CALLBACK.remove();
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Stops the delivery thread; waits for it unless called on it. */
    void shutdown() {
        executor.shutdown();
        if (!inDeliveryThread()) {
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
