package org.fieldpost.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API: a {@link JmsConnection} (shared with the contexts made by
 * {@link #createContext(int)}, closed with the last of them) and one lazily created {@link JmsSession}.
 * Checked exceptions become their {@link JMSRuntimeException} twins.
 *
 * <p>Concurrency: like a session, meant for one thread at a time.
 */
public class JmsContext implements JMSContext {
    private final JmsConnection connection;
    private final int sessionMode;
    private final AtomicInteger connectionUsers;
    private JmsSession session; // guarded by this
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    JmsContext(JmsConnection connection, int sessionMode, AtomicInteger connectionUsers) {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.connectionUsers = connectionUsers;
    }

    /**
     * Refuses an invalid session mode.
     *
     * @throws JMSRuntimeException for anything but the four JMSContext modes
     */
    static void checkSessionMode(int mode) {
        if (mode != AUTO_ACKNOWLEDGE && mode != CLIENT_ACKNOWLEDGE && mode != DUPS_OK_ACKNOWLEDGE
            && mode != SESSION_TRANSACTED) {
            throw new JMSRuntimeException("invalid session mode " + mode);
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    /** The session, created on first use. */
    synchronized JmsSession session() {
        checkClosed();
        if (session == null) {
            try {
                session = connection.newSession(sessionMode);
            } catch (JMSException e) {
                throw JmsExceptionSupport.toRuntime(e);
            }
        }
        return session;
    }

    private void autoStart() {
        if (autoStart) {
            try {
                connection.start();
            } catch (JMSException e) {
                throw JmsExceptionSupport.toRuntime(e);
            }
        }
    }

    @FunctionalInterface
    private interface JmsCall<T> {
        T call() throws JMSException;
    }

    private static <T> T run(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw JmsExceptionSupport.toRuntime(e);
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        checkClosed();
        checkSessionMode(mode);
        if (connection.failure() != null) {
            throw JmsExceptionSupport.toRuntime(connection.failure());
        }
        connectionUsers.incrementAndGet();
        return new JmsContext(connection, mode, connectionUsers);
    }

    @Override
    public JMSProducer createProducer() {
        return new JmsContextProducer(this, (JmsMessageProducer) run(() -> session().createProducer(null)));
    }

    @Override
    public String getClientID() {
        checkClosed();
        return run(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkClosed();
        run(() -> {
            connection.setClientID(clientID);
            return null;
        });
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkClosed();
        return run(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkClosed();
        return run(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkClosed();
        run(() -> {
            connection.setExceptionListener(listener);
            return null;
        });
    }

    @Override
    public void start() {
        checkClosed();
        run(() -> {
            connection.start();
            return null;
        });
    }

    @Override
    public void stop() {
        checkClosed();
        run(() -> {
            connection.stop();
            return null;
        });
    }

    @Override
    public void setAutoStart(boolean value) {
        checkClosed();
        autoStart = value;
    }

    @Override
    public boolean getAutoStart() {
        checkClosed();
        return autoStart;
    }

    @Override
    public void close() {
        JmsSession current = SessionDispatcher.callbackSession();
        if (current != null && current.connection() == connection) {
            throw new IllegalStateRuntimeException("a listener must not close its own JMSContext");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            run(() -> {
                if (session != null) {
                    session.close();
                }
                if (connectionUsers.decrementAndGet() == 0) {
                    connection.close();
                }
                return null;
            });
        }
    }

    @Override
    public BytesMessage createBytesMessage() {
        return run(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return run(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return run(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return run(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return run(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return run(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return run(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return run(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        checkClosed();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkClosed();
        return sessionMode;
    }

    @Override
    public void commit() {
        run(() -> {
            session().commit();
            return null;
        });
    }

    @Override
    public void rollback() {
        run(() -> {
            session().rollback();
            return null;
        });
    }

    @Override
    public void recover() {
        run(() -> {
            session().recover();
            return null;
        });
    }

    private JMSConsumer consumer(JmsCall<MessageConsumer> create) {
        JmsMessageConsumer consumer = (JmsMessageConsumer) run(create);
        autoStart();
        return new JmsContextConsumer(consumer);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return consumer(() -> session().createConsumer(destination, selector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return run(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        return run(() -> session().createBrowser(queue, selector));
    }

    @Override
    public Queue createQueue(String name) {
        return run(() -> session().createQueue(name));
    }

    @Override
    public Topic createTopic(String name) {
        return run(() -> session().createTopic(name));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return run(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return run(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        run(() -> {
            session().unsubscribe(name);
            return null;
        });
    }

    @Override
    public void acknowledge() {
        checkClosed();
        run(() -> {
            session().acknowledge();
            return null;
        });
    }
}
