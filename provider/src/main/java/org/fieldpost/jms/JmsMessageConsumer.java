package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.jms.amqp.Delivery;
import org.fieldpost.jms.message.FieldpostMessage;
import org.fieldpost.protocol.method.AmqpBasic;

/**
 * A JMS consumer: one AMQP consumer (tag) on its session's channel, with a buffer of prefetched
 * deliveries. The I/O thread appends to the buffer, and wakes receivers once per socket read;
 * {@code receive} takes from it on the caller's thread, a listener gets it on the session's
 * delivery thread.
 *
 * <p>Concurrency: the buffer and {@code closed} are guarded by {@code buffer}; waiters are woken
 * with {@code notifyAll} on it.
 */
public class JmsMessageConsumer implements QueueReceiver, TopicSubscriber {
    private final JmsSession session;
    private final String tag;
    private final FieldpostDestination destination;
    private final Subscriptions.Plan plan;
    private final String selector;
    private final boolean noLocal;
    private final boolean browser;
    private final ArrayDeque<Delivery> buffer = new ArrayDeque<>();
    /** Deliveries appended since the last {@link #signalArrivals}; guarded by {@code buffer}. */
    private int unsignalled;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile boolean cancelledByBroker;

    JmsMessageConsumer(JmsSession session, String tag, FieldpostDestination destination, Subscriptions.Plan plan,
        String selector, boolean noLocal, boolean browser) {
        this.session = session;
        this.tag = tag;
        this.destination = destination;
        this.plan = plan;
        this.selector = selector;
        this.noLocal = noLocal;
        this.browser = browser;
    }

    String tag() {
        return tag;
    }

    FieldpostDestination destination() {
        return destination;
    }

    Subscriptions.Plan plan() {
        return plan;
    }

    boolean isBrowser() {
        return browser;
    }

    boolean isClosed() {
        return closed;
    }

    MessageListener listener() {
        return listener;
    }

    // ---- buffer (I/O thread appends)

    /**
     * I/O thread: appends a delivery without waking anyone; {@link #signalArrivals} does that at the
     * end of the read that brought it. Waking a waiting receiver for every message of a burst would
     * switch to its thread and back once per message; woken once, it takes the burst in one go.
     *
     * @return true for the first delivery since the last signal: the caller must signal this consumer
     */
    boolean append(Delivery delivery) {
        synchronized (buffer) {
            buffer.add(delivery);
            return unsignalled++ == 0;
        }
    }

    /** I/O thread: wakes receivers and, with a listener, schedules a dispatch per delivery appended. */
    void signalArrivals() {
        int arrived;
        synchronized (buffer) {
            arrived = unsignalled;
            unsignalled = 0;
            buffer.notifyAll();
        }
        if (listener != null) {
            for (int i = 0; i < arrived; i++) {
                session.scheduleDispatch(this);
            }
        }
    }

    Delivery poll() {
        synchronized (buffer) {
            return buffer.poll();
        }
    }

    boolean hasBuffered() {
        return bufferedCount() > 0;
    }

    int bufferedCount() {
        synchronized (buffer) {
            return buffer.size();
        }
    }

    List<Delivery> drain() {
        synchronized (buffer) {
            List<Delivery> all = new ArrayList<>(buffer);
            buffer.clear();
            buffer.notifyAll();
            return all;
        }
    }

    void dropBuffered() {
        synchronized (buffer) {
            buffer.clear();
        }
    }

    void dropStale(int epoch) {
        synchronized (buffer) {
            buffer.removeIf(d -> d.epoch() < epoch);
        }
    }

    /** Wakes receivers and, with a listener, schedules delivery of what is buffered (start, failure). */
    void wakeUp() {
        int buffered;
        synchronized (buffer) {
            buffered = buffer.size();
            buffer.notifyAll();
        }
        if (listener != null) {
            for (int i = 0; i < buffered; i++) {
                session.scheduleDispatch(this);
            }
        }
    }

    /** The broker cancelled this consumer (queue deleted, browse finished). I/O thread. */
    void cancelledByBroker() {
        cancelledByBroker = true;
        synchronized (buffer) {
            buffer.notifyAll();
        }
    }

    /** Waits up to {@code millis} for a delivery or the broker's cancel (browsers). */
    void awaitBuffered(long millis) {
        synchronized (buffer) {
            if (buffer.isEmpty() && !cancelledByBroker) {
                try {
                    buffer.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    boolean isCancelledByBroker() {
        return cancelledByBroker;
    }

    // ---- MessageConsumer

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener messageListener) throws JMSException {
        checkClosed();
        this.listener = messageListener;
        if (messageListener != null) {
            wakeUp();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receive(-1);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive(timeout <= 0 ? -1 : timeout, false);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(0, true);
    }

    /**
     * Waits for a message on the caller's thread.
     *
     * @param timeout milliseconds; negative: no limit; 0 with {@code noWait}: only what is here now
     */
    private Message receive(long timeout, boolean noWait) throws JMSException {
        return receive(timeout, noWait, null);
    }

    /**
     * Waits for a message on the caller's thread; with {@code bodyType} (JMSConsumer.receiveBody) a
     * message whose body is not assignable is given back (redelivered) in AUTO and DUPS_OK modes and
     * the MessageFormatException is thrown.
     *
     * @param timeout milliseconds; negative: no limit; 0 with {@code noWait}: only what is here now
     */
    private Message receive(long timeout, boolean noWait, Class<?> bodyType) throws JMSException {
        checkClosed();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a message listener; receive is not allowed");
        }
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : Long.MAX_VALUE;
        boolean synced = false;
        while (true) {
            Delivery delivery = waitForDelivery(deadline, noWait);
            if (delivery == null && noWait && !synced && session.isStarted() && !closed) {
                // Let deliveries already on their way arrive: a round trip on the channel.
                synced = true;
                syncWithBroker();
                continue;
            }
            if (delivery == null) {
                return null;
            }
            FieldpostMessage message = session.dispatcher().consume(this, delivery);
            if (message != null) {
                if (bodyType != null && !message.isBodyAssignableTo(bodyType)) {
                    session.dispatcher().afterDelivery(delivery, true, session.consumers());
                    throw new jakarta.jms.MessageFormatException("the body of the message is not assignable to "
                        + bodyType.getName());
                }
                session.dispatcher().afterDelivery(delivery, false, session.consumers());
                return message;
            }
        }
    }

    /** JMSConsumer.receiveBody. */
    <T> T receiveBody(Class<T> bodyType, long timeout, boolean noWait) throws JMSException {
        Message message = receive(timeout <= 0 && !noWait ? -1 : timeout, noWait, bodyType);
        return message == null ? null : message.getBody(bodyType);
    }

    private Delivery waitForDelivery(long deadline, boolean noWait) throws JMSException {
        synchronized (buffer) {
            while (true) {
                if (closed || session.isClosed()) {
                    return null;
                }
                JMSException failure = session.failure();
                if (failure != null) {
                    throw failure;
                }
                if (session.isStarted() && !buffer.isEmpty()) {
                    return buffer.poll();
                }
                long remaining = deadline - System.nanoTime();
                if (noWait || remaining <= 0) {
                    return null;
                }
                try {
                    long millis = Math.max(1, Math.min(remaining / 1_000_000, Long.MAX_VALUE / 2));
                    buffer.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw JmsExceptionSupport.withCause(new JMSException("interrupted in receive"), e);
                }
            }
        }
    }

    /**
     * For a {@link JmsConnectionConsumer}: the next buffered delivery once the session is started, waiting up to
     * {@code millis} (0: only what is here now); null on timeout, when closed, or when the session failed.
     */
    Delivery nextDelivery(long millis) {
        try {
            return waitForDelivery(System.nanoTime() + millis * 1_000_000, millis == 0);
        } catch (JMSException e) {
            return null;
        }
    }

    private void syncWithBroker() throws JMSException {
        int prefetch = session.connection().settings().prefetch();
        JmsSession.await(session.channel().call(new AmqpBasic.Qos(0, prefetch, false)), "basic.qos");
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        synchronized (buffer) {
            closed = true;
            buffer.notifyAll();
        }
        // Wait for a listener of this session that is running, unless we are it.
        session.dispatcher().pause();
        session.cancel(this);
    }

    /** The session closes: no broker round trip, the channel close requeues everything. */
    void closedBySession() {
        synchronized (buffer) {
            closed = true;
            buffer.clear();
            buffer.notifyAll();
        }
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkClosed();
    }

    // ---- QueueReceiver / TopicSubscriber

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkClosed();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkClosed();
        return noLocal;
    }

    @Override
    public String toString() {
        return "JmsMessageConsumer[" + tag + " on " + plan.queue() + "]";
    }
}
