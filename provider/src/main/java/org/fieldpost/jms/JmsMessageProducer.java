package org.fieldpost.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fieldpost.jms.message.AmqpMessageCodec;
import org.fieldpost.jms.message.AmqpPayload;

/**
 * A JMS producer on its session's channel. A persistent send of a non-transacted session returns after
 * the broker's publisher confirm; a non-persistent send does not wait. With a {@link CompletionListener}
 * the confirm is awaited asynchronously and the listener runs on the session's delivery thread.
 *
 * <p>Flow control: every send (with or without listener, transacted or not) first waits, on the calling
 * thread, while the broker has blocked the connection or the socket's buffers are full
 * ({@link ProducerFlowControl}). The URL option {@code sendTimeout} bounds the whole send: the wait for
 * flow control (after which the message is not sent) and that for a persistent send's confirm.
 *
 * <p>Concurrency: like its session, meant for one thread at a time; the settings are volatile.
 */
public class JmsMessageProducer implements QueueSender, TopicPublisher {
    private final JmsSession session;
    private final FieldpostDestination destination;
    /** Completes when the producer closes, alone or with its session: ends a wait for flow control. */
    private final CompletableFuture<Void> closing = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile boolean disableMessageId;
    private volatile boolean disableTimestamp;
    private volatile int deliveryMode = DeliveryMode.PERSISTENT;
    private volatile int priority = Message.DEFAULT_PRIORITY;
    private volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;

    JmsMessageProducer(JmsSession session, FieldpostDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        session.checkClosed();
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkClosed();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkClosed();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkClosed();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkClosed();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkClosed();
        checkDeliveryMode(mode);
        deliveryMode = mode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkClosed();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkClosed();
        checkPriority(value);
        priority = value;
    }

    @Override
    public int getPriority() throws JMSException {
        checkClosed();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkClosed();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkClosed();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkClosed();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkClosed();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkClosed();
        return destination;
    }

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
    public void close() throws JMSException {
        if (SessionDispatcher.inCompletionListenerOf(session)) {
            throw new IllegalStateException("a CompletionListener must not close its own producer");
        }
        closed = true;
        closing.complete(null);
        session.removeProducer(this);
    }

    void closedBySession() {
        closed = true;
        closing.complete(null);
    }

    // ---- send variants

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        checkClosed();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination: name one in send");
        }
        doSend(destination, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        checkClosed();
        doSend(anonymousTarget(target), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener)
        throws JMSException {
        checkClosed();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination: name one in send");
        }
        doSend(destination, message, mode, prio, ttl, checkListener(listener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl,
        CompletionListener listener) throws JMSException {
        checkClosed();
        doSend(anonymousTarget(target), message, mode, prio, ttl, checkListener(listener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    private FieldpostDestination anonymousTarget(Destination target) throws JMSException {
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                + "; use send without a destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        FieldpostDestination d = FieldpostDestination.from(target);
        session.connection().topology().ensure(d);
        return d;
    }

    private static CompletionListener checkListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the CompletionListener must not be null");
        }
        return listener;
    }

    static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode);
        }
    }

    static void checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority " + value + " is outside 0-9");
        }
    }

    /**
     * Sets the send-time headers on the message object (also a foreign one, spec 3.12), encodes it,
     * waits for flow control and publishes it; waits for the confirm of a persistent message unless a
     * listener was given.
     */
    private void doSend(FieldpostDestination target, Message message, int mode, int prio, long ttl,
        CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now + Math.max(0, deliveryDelay));
        message.setJMSMessageID(disableMessageId ? null : AmqpMessageCodec.newMessageId());
        AmqpPayload payload = AmqpMessageCodec.encode(message, target);
        if (!session.connection().canPublishTo(target)) {
            // A deleted temporary topic: dropped, as the broker drops a message to a deleted temporary queue.
            if (listener != null) {
                session.dispatcher().runCompletion(() -> listener.onCompletion(message));
            }
            return;
        }
        boolean transacted = session.mode() == Session.SESSION_TRANSACTED;
        long timeout = session.connection().settings().sendTimeoutMillis();
        long start = System.nanoTime();
        ProducerFlowControl.awaitPermission(session.connection().amqp(), closing, timeout);
        CompletableFuture<Void> sent = session.channel().publish(target.exchange(), target.routingKey(),
            payload.properties(), payload.body());
        if (listener != null) {
            session.trackCompletion(sent);
            sent.whenComplete((ok, failure) -> session.dispatcher().runCompletion(() -> {
                if (failure == null) {
                    listener.onCompletion(message);
                } else {
                    listener.onException(message, JmsExceptionSupport.toJms(failure));
                }
            }));
            return;
        }
        if (mode == DeliveryMode.PERSISTENT && !transacted) {
            long left = timeout <= 0 ? 0
                : Math.max(1, timeout - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            JmsExceptionSupport.await(sent, left, "the confirm of a persistent send");
        }
    }
}
