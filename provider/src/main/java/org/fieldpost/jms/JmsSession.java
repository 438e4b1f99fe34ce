package org.fieldpost.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.jms.amqp.AmqpException;
import org.fieldpost.jms.amqp.ClientChannel;
import org.fieldpost.jms.message.FieldpostBytesMessage;
import org.fieldpost.jms.message.FieldpostMapMessage;
import org.fieldpost.jms.message.FieldpostMessage;
import org.fieldpost.jms.message.FieldpostObjectMessage;
import org.fieldpost.jms.message.FieldpostStreamMessage;
import org.fieldpost.jms.message.FieldpostTextMessage;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpTx;

/**
 * A JMS session: one AMQP channel and one delivery thread. Its consumers are made, kept and cancelled
 * by {@link SessionConsumers}, its producers and unconfirmed asynchronous sends kept by {@link SessionProducers},
 * acknowledgement and transactions go through {@link SessionTransactions}, delivery to listeners through
 * {@link SessionDispatcher}; {@link SessionLifecycle} pauses, resumes and closes it; {@link LoadedDeliveries}
 * holds what connection consumers load into it for {@link #run()} (application-server facilities).
 *
 * <p>Threading: the I/O thread only queues deliveries into consumers' buffers
 * ({@link SessionChannelListener}).
 * Message listeners and completion listeners run on the session's own single thread
 * ({@code fieldpost-session-C-S}), never on the I/O thread; synchronous receives run on the caller's
 * thread. {@code deliveryLock} is held while a listener runs, which is how {@code stop} and
 * {@code close} wait for it.
 *
 * <p>Acknowledgement: see {@link DeliveryTracker}. AUTO_ACKNOWLEDGE acks each message after
 * {@code onMessage} returns or {@code receive} hands it out; DUPS_OK acks in batches; CLIENT_ACKNOWLEDGE
 * and transacted sessions ack the consumed messages on {@code acknowledge}/{@code commit}. Recovery
 * ({@code recover}, {@code rollback}) is {@code basic.recover}: the broker requeues every
 * unacknowledged delivery to its original position, flagged redelivered, and the session drops what
 * it had buffered, so the order of the queue is kept.
 */
public class JmsSession implements Session, QueueSession, TopicSession {
    private final JmsConnection connection;
    private final int mode;
    private final int id;
    private final ClientChannel channel;
    private final SessionDispatcher dispatcher;
    private final SessionConsumers consumers;
    private final SessionTransactions transactions;
    private final SessionProducers producers = new SessionProducers();
    private final LoadedDeliveries loaded = new LoadedDeliveries(this);
    private final SessionLifecycle lifecycle;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile JMSException failure;

    private JmsSession(JmsConnection connection, int mode, int id, ClientChannel channel) {
        this.connection = connection;
        this.mode = mode;
        this.id = id;
        this.channel = channel;
        this.dispatcher = new SessionDispatcher(this, channel, mode,
            "fieldpost-session-" + connection.id() + "-" + id);
        this.consumers = new SessionConsumers(this, channel);
        this.transactions = new SessionTransactions(this, channel, dispatcher);
        this.lifecycle = new SessionLifecycle(this, channel, dispatcher, producers, consumers, loaded);
        this.started = connection.isStarted();
    }

    private volatile SessionDomain domain = SessionDomain.ANY;

    /** Makes this a QueueSession or TopicSession: the other domain's methods then throw. */
    void restrictTo(SessionDomain value) {
        domain = value;
    }

    /** Opens the channel and puts it in confirm or transaction mode. Blocks. */
    static JmsSession open(JmsConnection connection, int mode, int id) throws JMSException {
        SessionChannelListener deliveries = new SessionChannelListener();
        ClientChannel channel = await(connection.amqp().openChannel(deliveries), "open a channel");
        JmsSession session = new JmsSession(connection, mode, id, channel);
        deliveries.attach(session);
        try {
            int prefetch = connection.settings().prefetch();
            await(channel.call(new AmqpBasic.Qos(0, prefetch, false)), "basic.qos");
            if (mode == SESSION_TRANSACTED) {
                await(channel.call(new AmqpTx.Select()), "tx.select");
            } else {
                await(channel.enableConfirms(), "confirm.select");
            }
        } catch (JMSException e) {
            channel.close();
            session.dispatcher.shutdown();
            throw e;
        }
        return session;
    }

    static <T> T await(CompletableFuture<T> future, String what) throws JMSException {
        return JmsExceptionSupport.await(future, 60_000, what);
    }

    JmsConnection connection() {
        return connection;
    }

    int id() {
        return id;
    }

    ClientChannel channel() {
        return channel;
    }

    SessionDispatcher dispatcher() {
        return dispatcher;
    }

    /** The messages connection consumers loaded into this (server) session, and its distinguished listener. */
    LoadedDeliveries loaded() {
        return loaded;
    }

    java.util.Collection<JmsMessageConsumer> consumers() {
        return consumers.all();
    }

    boolean isStarted() {
        return started && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    JMSException failure() {
        return failure;
    }

    boolean inDeliveryThread() {
        return dispatcher.inDeliveryThread();
    }

    void checkClosed() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkClosed();
    }

    // ---- message factories

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkClosed();
        return new FieldpostBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkClosed();
        return new FieldpostMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkClosed();
        return new FieldpostMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkClosed();
        return new FieldpostObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkClosed();
        FieldpostObjectMessage message = new FieldpostObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkClosed();
        return new FieldpostStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkClosed();
        return new FieldpostTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkClosed();
        return new FieldpostTextMessage(text);
    }

    // ---- modes, transactions, acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkClosed();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkClosed();
        return mode;
    }

    int mode() {
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkClosed();
        SessionLifecycle.checkNotInCompletionListener(this, "commit");
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit on a session that is not transacted");
        }
        try {
            transactions.commit();
        } catch (JMSException e) {
            loaded.requeueDelivered();
            throw e;
        }
        loaded.ackDelivered();
    }

    @Override
    public void rollback() throws JMSException {
        checkClosed();
        SessionLifecycle.checkNotInCompletionListener(this, "rollback");
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback on a session that is not transacted");
        }
        try {
            transactions.rollback(consumers.all());
        } finally {
            loaded.requeueDelivered();
        }
    }

    @Override
    public void recover() throws JMSException {
        checkClosed();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover on a transacted session");
        }
        transactions.recover(consumers.all());
        loaded.requeueDelivered();
    }

    /** CLIENT_ACKNOWLEDGE: acks exactly the messages consumed so far. Called by {@code Message.acknowledge()}. */
    void acknowledge() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkClosed();
        if (mode == CLIENT_ACKNOWLEDGE) {
            transactions.acknowledge();
            loaded.ackDelivered();
        }
    }

    // ---- delivery

    JmsMessageConsumer consumer(String tag) {
        return consumers.get(tag);
    }

    void trackCompletion(CompletableFuture<?> completion) {
        producers.trackCompletion(completion);
    }

    void scheduleDispatch(JmsMessageConsumer consumer) {
        dispatcher.schedule(consumer);
    }

    /** Starts delivery, and lets the broker send to this session's consumers again. Blocks. */
    void start() throws JMSException {
        started = true;
        lifecycle.flow(true);
        for (JmsMessageConsumer consumer : consumers.all()) {
            consumer.wakeUp();
        }
    }

    /**
     * Stops delivery. The broker stops sending to the session's consumers ({@code channel.flow
     * active=false}), so that the messages of a queue go to the consumers of started connections
     * meanwhile. Blocks for that round trip; {@link #awaitListeners()} waits for a running listener.
     */
    void stop() throws JMSException {
        started = false;
        lifecycle.flow(false);
    }

    /** Blocks until a running listener of this session returns (unless called from it). */
    void awaitListeners() {
        dispatcher.pause();
    }

    /** The AMQP connection failed: wake receivers so they see it. */
    void connectionFailed(JMSException cause) {
        failure = cause;
        for (JmsMessageConsumer consumer : consumers.all()) {
            consumer.wakeUp();
        }
    }

    /** The channel alone failed (I/O thread). */
    void channelFailed(AmqpException cause) {
        failure = JmsExceptionSupport.toJms(cause);
        for (JmsMessageConsumer consumer : consumers.all()) {
            consumer.wakeUp();
        }
    }

    /**
     * The connection is closing: closes this session's producers now, which ends their sends parked in flow
     * control, so that none of them waits while other sessions of the connection close. Does not block.
     */
    void closeProducers() {
        producers.closeAll();
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        SessionLifecycle.checkMayClose(this);
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            started = false;
        }
        lifecycle.closeResources();
        connection.removeSession(this);
    }

    /** The session's distinguished listener (application-server facility), see {@link LoadedDeliveries}. */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkClosed();
        return loaded.listener();
    }

    /** Sets the listener that {@link #run()} delivers the messages of connection consumers to. */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkClosed();
        loaded.setListener(listener);
    }

    /**
     * Delivers the messages a connection consumer loaded into this session to its distinguished listener, on the
     * calling thread (an application server's), acknowledging per the session's mode.
     */
    @Override
    public void run() {
        loaded.run();
    }

    // ---- producers

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkClosed();
        FieldpostDestination target = FieldpostDestination.from(destination);
        if (target != null) {
            connection.topology().ensure(target);
        }
        JmsMessageProducer producer = new JmsMessageProducer(this, target);
        producers.add(producer);
        return producer;
    }

    void removeProducer(JmsMessageProducer producer) {
        producers.remove(producer);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
        throws JMSException {
        checkClosed();
        return consumers.plain(destination, selector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return createSharedConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        domain.requireTopics("createSharedConsumer");
        checkClosed();
        return consumers.shared(topic, name, selector, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
        throws JMSException {
        domain.requireTopics("createDurableSubscriber");
        checkClosed();
        return consumers.durable(topic, name, selector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
        throws JMSException {
        return createDurableSubscriber(topic, name, selector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector)
        throws JMSException {
        domain.requireTopics("createSharedDurableConsumer");
        checkClosed();
        return consumers.shared(topic, name, selector, true);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, selector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, selector, noLocal);
    }

    /** Cancels a consumer on the broker and requeues what it had buffered. Blocks. */
    void cancel(JmsMessageConsumer consumer) {
        consumers.cancel(consumer);
    }

    boolean hasConsumerOn(FieldpostDestination destination) {
        return consumers.hasConsumerOn(destination);
    }

    boolean hasDurableConsumer(String queue) {
        return consumers.hasDurableConsumer(queue);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        domain.requireQueues("createBrowser");
        checkClosed();
        FieldpostDestination source = consumers.checkDestination(queue);
        String filter = SessionConsumers.checkSelector(selector);
        connection.topology().ensure(source);
        return new JmsQueueBrowser(this, source, filter);
    }

    /** A browse consumer for {@link JmsQueueBrowser}: x-browse, no-ack, ends with the broker's cancel. */
    JmsMessageConsumer startBrowse(FieldpostDestination queue, String selector) throws JMSException {
        checkClosed();
        return consumers.browse(queue, selector);
    }

    void grantBrowseCredit(JmsMessageConsumer browser, int copies) {
        consumers.grantBrowseCredit(browser, copies);
    }

    // ---- destinations

    @Override
    public Queue createQueue(String name) throws JMSException {
        domain.requireQueues("createQueue");
        checkClosed();
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException("a queue name must not be null or empty");
        }
        return new FieldpostQueue(name);
    }

    @Override
    public Topic createTopic(String name) throws JMSException {
        domain.requireTopics("createTopic");
        checkClosed();
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException("a topic name must not be null or empty");
        }
        return name.startsWith("fanout://") ? FieldpostTopic.fanout(name.substring("fanout://".length()))
            : new FieldpostTopic(name);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        domain.requireQueues("createTemporaryQueue");
        checkClosed();
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        domain.requireTopics("createTemporaryTopic");
        checkClosed();
        return connection.createTemporaryTopic();
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        domain.requireTopics("unsubscribe");
        checkClosed();
        Subscriptions.unsubscribe(this, SessionConsumers.checkName(name));
    }

    @Override
    public String toString() {
        return "JmsSession[" + connection.id() + "-" + id + " mode=" + mode + "]";
    }
}
