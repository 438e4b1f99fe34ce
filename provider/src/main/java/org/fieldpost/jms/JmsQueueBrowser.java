package org.fieldpost.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import org.fieldpost.jms.amqp.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue browser. Each {@link #getEnumeration()} starts a browse consumer ({@code basic.consume} with
 * {@code x-browse=true}, no-ack): the broker sends copies of the queue's messages in order and then
 * cancels the consumer, which ends the enumeration. The browse has a window of {@link #WINDOW}
 * copies ({@code x-browse-credit}), widened by {@code basic.credit} as the enumeration takes them,
 * so browsing a deep queue holds at most a window in memory however slowly the application goes.
 *
 * <p>Concurrency: an enumeration is meant for one thread.
 */
public class JmsQueueBrowser implements QueueBrowser {
    private static final Logger LOG = LoggerFactory.getLogger(JmsQueueBrowser.class);
    /** A broker that never ends a browse must not hang the application forever. */
    private static final long MAX_IDLE_MILLIS = 30_000;
    /** Copies a browse may hold that the enumeration has not taken yet. */
    static final int WINDOW = 256;
    /** Copies taken before they are granted again: half a window, one credit frame per 128. */
    static final int GRANT = WINDOW / 2;

    private final JmsSession session;
    private final FieldpostDestination queue;
    private final String selector;
    private final List<JmsMessageConsumer> open = new ArrayList<>();
    private volatile boolean closed;

    JmsQueueBrowser(JmsSession session, FieldpostDestination queue, String selector) {
        this.session = session;
        this.queue = queue;
        this.selector = selector;
    }

    private void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        session.checkClosed();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkClosed();
        return (Queue) queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkClosed();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkClosed();
        JmsMessageConsumer consumer = session.startBrowse(queue, selector);
        synchronized (open) {
            open.add(consumer);
        }
        return new Browse(consumer);
    }

    /** Copies received for the open enumerations and not yet taken (tests). */
    int bufferedCopies() {
        synchronized (open) {
            return open.stream().mapToInt(JmsMessageConsumer::bufferedCount).sum();
        }
    }

    @Override
    public void close() throws JMSException {
        closed = true;
        List<JmsMessageConsumer> consumers;
        synchronized (open) {
            consumers = new ArrayList<>(open);
            open.clear();
        }
        for (JmsMessageConsumer consumer : consumers) {
            if (!consumer.isCancelledByBroker()) {
                session.cancel(consumer);
            }
        }
    }

    /** One pass over the queue. */
    private final class Browse implements Enumeration<Message> {
        private final JmsMessageConsumer consumer;
        private Message next;
        private boolean done;
        private int taken; // copies taken from the consumer's buffer since the last grant

        Browse(JmsMessageConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public boolean hasMoreElements() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            long deadline = System.currentTimeMillis() + MAX_IDLE_MILLIS;
            while (!closed && !session.isClosed()) {
                Delivery d = consumer.poll();
                if (d != null) {
                    if (++taken == GRANT) {
                        taken = 0;
                        session.grantBrowseCredit(consumer, GRANT);
                    }
                    next = session.dispatcher().consume(consumer, d);
                    if (next != null) {
                        return true;
                    }
                    continue;
                }
                if (consumer.isCancelledByBroker() && !consumer.hasBuffered()) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("FP-J020 browse of {} ended without the broker's cancel", queue);
                    session.cancel(consumer);
                    break;
                }
                consumer.awaitBuffered(100);
            }
            done = true;
            synchronized (open) {
                open.remove(consumer);
            }
            return false;
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException();
            }
            Message m = next;
            next = null;
            return m;
        }
    }
}
