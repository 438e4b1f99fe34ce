package org.fieldpost.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ClientConnection;
import org.fieldpost.jms.amqp.ConnectionListener;
import org.fieldpost.jms.amqp.NettyConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JMS connection: one AMQP connection, a {@link Topology} on its control channel, and the sessions.
 *
 * <p>Created stopped. The client id, when set, is claimed across the broker with the exclusive queue
 * {@code fieldpost.client-id.ID}. A failure of the AMQP connection is reported once to the
 * {@link ExceptionListener}, on a thread of its own (never the I/O thread).
 *
 * <p>Concurrency: thread-safe. Lifecycle changes are serialized on {@code this}; {@link #stop()} and
 * {@link #close()} block until running message listeners have returned.
 */
public class JmsConnection implements Connection, QueueConnection, TopicConnection, TemporaryDestinationOwner {
    private static final Logger LOG = LoggerFactory.getLogger(JmsConnection.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ConnectionSettings settings;
    private final BrokerAddress address;
    private final int id = IDS.incrementAndGet();
    private final Set<JmsSession> sessions = new CopyOnWriteArraySet<>();
    private final Set<FieldpostDestination> temporaries = ConcurrentHashMap.newKeySet();
    private final Set<JmsConnectionConsumer> connectionConsumers = new CopyOnWriteArraySet<>();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private ClientConnection amqp;
    private Topology topology;
    private volatile String clientId; // written under this
    private boolean clientIdFixed; // guarded by this
    private boolean used; // guarded by this
    private volatile boolean started;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;

    private JmsConnection(ConnectionSettings settings, BrokerAddress address) {
        this.settings = settings;
        this.address = address;
    }

    /**
     * Connects, logs in, declares the standard exchanges and claims an administratively configured client id.
     * Blocks the calling thread up to the connect timeout.
     *
     * @throws jakarta.jms.JMSSecurityException if the broker refuses the credentials
     * @throws InvalidClientIDException if the configured client id is in use
     * @throws JMSException if the broker is unreachable (the cause says why)
     */
    static JmsConnection open(ConnectionSettings settings) throws JMSException {
        BrokerAddress address = BrokerAddress.resolve(settings.url());
        JmsConnection connection = new JmsConnection(settings, address);
        try {
            connection.connect();
            return connection;
        } catch (JMSException | RuntimeException e) {
            if (connection.amqp != null) {
                connection.amqp.close();
            }
            address.release();
            throw e;
        }
    }

    private void connect() throws JMSException {
        var options = settings.amqpOptions(address.address());
        amqp = JmsExceptionSupport.await(NettyConnection.connect(options, new Listener()),
            options.connectTimeoutMillis() + 1000, "connect to " + options.peer());
        topology = new Topology(amqp, Math.max(options.connectTimeoutMillis(), 30_000));
        topology.declareStandardExchanges();
        if (settings.clientId() != null) {
            topology.claimClientId(settings.clientId());
            clientId = settings.clientId();
            clientIdFixed = true;
        }
    }

    // ---- package-private API for sessions

    ClientConnection amqp() {
        return amqp;
    }

    Topology topology() {
        return topology;
    }

    ConnectionSettings settings() {
        return settings;
    }

    int id() {
        return id;
    }

    boolean isStarted() {
        return started;
    }

    JMSException failure() {
        return failure;
    }

    void removeSession(JmsSession session) {
        sessions.remove(session);
    }

    Set<JmsSession> sessions() {
        return sessions;
    }

    void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    private synchronized void markUsed() {
        used = true;
    }

    // ---- Connection

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        return createSession(mode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession(sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession(Session.AUTO_ACKNOWLEDGE);
    }

    JmsSession newSession(int mode) throws JMSException {
        checkClosed();
        if (mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
            && mode != Session.DUPS_OK_ACKNOWLEDGE && mode != Session.SESSION_TRANSACTED) {
            throw new JMSException("invalid session mode " + mode);
        }
        markUsed();
        JmsSession session = JmsSession.open(this, mode, sessionIds.incrementAndGet());
        synchronized (this) {
            sessions.add(session);
            try {
                // A stopped connection's new session is paused on the broker before it has consumers.
                if (started) {
                    session.start();
                } else {
                    session.stop();
                }
            } catch (JMSException e) {
                session.close();
                throw e;
            }
        }
        if (closed) {
            session.close();
            checkClosed();
        }
        return session;
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        JmsSession session = (JmsSession) createSession(transacted, acknowledgeMode);
        session.restrictTo(SessionDomain.QUEUE);
        return session;
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        JmsSession session = (JmsSession) createSession(transacted, acknowledgeMode);
        session.restrictTo(SessionDomain.TOPIC);
        return session;
    }

    @Override
    public String getClientID() throws JMSException {
        checkClosed();
        return clientId;
    }

    @Override
    public synchronized void setClientID(String id) throws JMSException {
        checkClosed();
        if (clientIdFixed) {
            throw new IllegalStateException("the client id " + clientId + " is configured administratively");
        }
        if (clientId != null) {
            throw new IllegalStateException("the client id is already set to " + clientId);
        }
        if (used) {
            throw new IllegalStateException("the client id must be set before the connection is used");
        }
        if (id == null || id.isEmpty()) {
            throw new InvalidClientIDException("a client id must not be null or empty");
        }
        topology.claimClientId(id);
        clientId = id;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkClosed();
        return JmsConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkClosed();
        this.exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkClosed();
        synchronized (this) {
            used = true;
            started = true;
            for (JmsSession session : sessions) {
                session.start();
            }
        }
    }

    @Override
    public void stop() throws JMSException {
        checkClosed();
        JmsSession current = SessionLifecycle.messageListenerSession();
        if (current != null && current.connection() == this) {
            // Javadoc of stop: from a message listener it may fail or succeed; a CompletionListener may stop it.
            throw new IllegalStateException("a message listener must not stop its own connection");
        }
        List<JmsSession> stopped;
        synchronized (this) {
            used = true;
            started = false;
            for (JmsSession session : sessions) {
                session.stop();
            }
            stopped = List.copyOf(sessions);
        }
        // Outside the lock: a listener still running may call into this connection before it returns.
        for (JmsSession session : stopped) {
            session.awaitListeners();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        checkNotInCallback("close");
        synchronized (this) {
            if (closed) {
                return;
            }
            started = false;
            // Sends parked in flow control end first: the sessions' closes wait for confirms one after another.
            sessions.forEach(JmsSession::closeProducers);
            JMSException first = null;
            // Connection consumers first: their server sessions settle what they loaded while the sessions live.
            for (JmsConnectionConsumer consumer : List.copyOf(connectionConsumers)) {
                try {
                    consumer.close();
                } catch (JMSException e) {
                    first = first == null ? e : first;
                }
            }
            for (JmsSession session : List.copyOf(sessions)) {
                try {
                    session.close();
                } catch (JMSException e) {
                    first = first == null ? e : first;
                }
            }
            closed = true;
            temporaries.clear();
            try {
                amqp.close().get(settings.closeTimeoutMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("FP-J001 close of {} did not finish cleanly", amqp, e);
            } finally {
                address.release();
            }
            if (first != null && failure == null) {
                throw first;
            }
        }
    }

    /** Javadoc of close and of CompletionListener: no listener may close its own connection. */
    private void checkNotInCallback(String what) throws IllegalStateException {
        JmsSession current = SessionDispatcher.callbackSession();
        if (current != null && current.connection() == this) {
            throw new IllegalStateException("a message or completion listener must not " + what
                + " its own connection");
        }
    }

    // ---- connection consumers (application-server facilities), see JmsConnectionConsumer

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
        ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return connectionConsumer(sessionPool, maxMessages,
            s -> (JmsMessageConsumer) s.createConsumer(destination, messageSelector));
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
        ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
        ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
        String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return connectionConsumer(sessionPool, maxMessages,
            s -> (JmsMessageConsumer) s.createSharedConsumer(topic, subscriptionName, messageSelector));
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
        String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return connectionConsumer(sessionPool, maxMessages,
            s -> (JmsMessageConsumer) s.createDurableConsumer(topic, subscriptionName, messageSelector, false));
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
        String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return connectionConsumer(sessionPool, maxMessages,
            s -> (JmsMessageConsumer) s.createSharedDurableConsumer(topic, subscriptionName, messageSelector));
    }

    private ConnectionConsumer connectionConsumer(ServerSessionPool pool, int maxMessages,
        JmsConnectionConsumer.ConsumerFactory factory) throws JMSException {
        JmsConnectionConsumer consumer = JmsConnectionConsumer.open(this, pool, maxMessages, factory);
        connectionConsumers.add(consumer);
        return consumer;
    }

    void removeConnectionConsumer(JmsConnectionConsumer consumer) {
        connectionConsumers.remove(consumer);
    }

    // ---- temporary destinations

    FieldpostTemporaryQueue createTemporaryQueue() throws JMSException {
        checkClosed();
        String name = FieldpostDestination.TEMPORARY_PREFIX + UUID.randomUUID();
        // Exclusive (only this connection may consume; gone when it closes) but not auto-delete: a temporary
        // queue lives as long as its connection, not only until its first consumer leaves.
        topology.declareQueue(name, false, true, false, java.util.Map.of());
        FieldpostTemporaryQueue queue = new FieldpostTemporaryQueue(name, this);
        temporaries.add(queue);
        return queue;
    }

    FieldpostTemporaryTopic createTemporaryTopic() throws JMSException {
        checkClosed();
        String name = FieldpostDestination.TEMPORARY_PREFIX + UUID.randomUUID();
        // An exchange of this connection's own: only its subscribers can bind to it; gone when it closes.
        topology.declareTemporaryTopic(name);
        FieldpostTemporaryTopic topic = new FieldpostTemporaryTopic(name, this);
        temporaries.add(topic);
        return topic;
    }

    /**
     * False for a temporary topic known to be deleted: its exchange is gone, and a publish to a missing exchange
     * would close the session's channel (404), whereas a message to a deleted temporary queue is merely
     * unroutable. So such a send is dropped instead, like the temporary queue's. This connection's own
     * temporary topics are checked locally; another connection's with a passive declare. Blocks for that.
     */
    boolean canPublishTo(FieldpostDestination destination) throws JMSException {
        if (destination.kind() != FieldpostDestination.Kind.TEMPORARY_TOPIC || temporaries.contains(destination)) {
            return true;
        }
        if (destination instanceof FieldpostTemporaryTopic topic && topic.owner() == this) {
            return false;
        }
        return topology.temporaryTopicExists(destination.name());
    }

    @Override
    public void deleteTemporary(FieldpostDestination destination) throws JMSException {
        checkClosed();
        if (!temporaries.contains(destination)) {
            throw new JMSException("temporary destination " + destination + " was deleted or belongs to another "
                + "connection");
        }
        for (JmsSession session : sessions) {
            if (session.hasConsumerOn(destination)) {
                throw new IllegalStateException("temporary destination " + destination.name()
                    + " still has an open consumer");
            }
        }
        if (destination.isQueue()) {
            topology.deleteQueue(destination.name(), false);
        } else {
            topology.deleteExchange(destination.name());
        }
        temporaries.remove(destination);
    }

    @Override
    public boolean owns(FieldpostDestination destination) {
        return temporaries.contains(destination);
    }

    @Override
    public String toString() {
        return "JmsConnection[" + id + " " + settings.url() + (clientId != null ? " clientId=" + clientId : "") + "]";
    }

    /** Hears about failures on the I/O thread and hands them on. */
    private final class Listener implements ConnectionListener {
        @Override
        public void onFailure(AmqpException cause) {
            JMSException jms = JmsExceptionSupport.toJms(cause);
            failure = jms;
            for (JmsSession session : sessions) {
                session.connectionFailed(jms);
            }
            ExceptionListener listener = exceptionListener;
            if (listener != null && !closed) {
                Thread thread = new Thread(() -> listener.onException(jms), "fieldpost-exception-listener-" + id);
                thread.setDaemon(true);
                thread.start();
            }
        }
    }
}
