package org.fieldpost.broker.vhost;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.exchange.Binding;
import org.fieldpost.broker.exchange.DefaultExchange;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.EnqueueResult;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueArguments;
import org.fieldpost.broker.queue.QueueContext;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual host: its exchanges, queues and bindings, the validation of every topology method, and
 * publishing. Durable exchanges, queues and bindings (both ends durable) are written through the
 * {@link MessageStore}; exclusive queues never are.
 *
 * <p>Concurrency: exchanges and queues live in concurrent maps; {@link #publish} reads them and
 * routes without any virtual-host lock. Topology changes (declare, delete, bind, unbind, cleanup)
 * are serialized on one topology lock, which may be held while taking a queue lock, never the other
 * way round (queues call back only after releasing their lock). Topology methods block while the
 * store writes durable changes. The exchanges themselves are kept by {@link Exchanges}.
 */
public final class VirtualHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualHost.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String name;
    private final MessageStore store;
    private final ScheduledExecutorService timer;
    private final VirtualHostConfig config;
    private final ConcurrentHashMap<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final Object topologyLock = new Object();
    private final Exchanges exchanges; // mutated under topologyLock
    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(this);
    private final Bindings bindings;
    private volatile ScheduledFuture<?> housekeeping;

    /**
     * @param store the opened store of this virtual host
     * @param timer a shared scheduler for the expiry sweep
     */
    public VirtualHost(String name, MessageStore store, ScheduledExecutorService timer, VirtualHostConfig config) {
        this.name = name;
        this.store = store;
        this.timer = timer;
        this.config = config;
        this.exchanges = new Exchanges(name, store, new DefaultExchange(queues::get));
        this.bindings = exchanges.bindings();
    }

    public VirtualHost(String name, MessageStore store, ScheduledExecutorService timer) {
        this(name, store, timer, VirtualHostConfig.defaults());
    }

    /** Recovers the durable state from the store and starts the periodic sweep. Blocks; call once. */
    public VirtualHost start() {
        synchronized (topologyLock) {
            long began = System.nanoTime();
            VirtualHostRecovery recovery = new VirtualHostRecovery(this);
            store.recover(recovery, config.recoveryBatchSize());
            store.recoverPrepared(recovery::prepared);
            LOG.info("FP-V001 vhost '{}': recovered {} messages in {} queues in {} ms", name,
                recovery.messageCount(), recovery.queueCount(), (System.nanoTime() - began) / 1_000_000);
        }
        long period = Math.max(1, config.housekeepingInterval().toMillis());
        housekeeping = timer.scheduleWithFixedDelay(this::housekeepingSafely, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops the sweep. Does not close the store (the broker owns it). */
    @Override
    public void close() {
        ScheduledFuture<?> task = housekeeping;
        if (task != null) {
            task.cancel(false);
        }
    }

    public String name() {
        return name;
    }

    public VirtualHostConfig config() {
        return config;
    }

    /** An exchange by name ("" is the default exchange), or null. */
    public Exchange exchange(String exchangeName) {
        return exchanges.get(exchangeName);
    }

    /** A queue by name, or null. No exclusivity check: see {@link #lookupQueue}. */
    public MessageQueue queue(String queueName) {
        return queues.get(queueName);
    }

    /** A snapshot of the queues. */
    public Collection<MessageQueue> queues() {
        return List.copyOf(queues.values());
    }

    /**
     * A queue for {@code basic.consume}, {@code basic.get} and the like.
     *
     * @throws ProtocolException 404 when missing, 405 when exclusive to another connection
     */
    public MessageQueue lookupQueue(String queueName, Object owner) throws ProtocolException {
        MessageQueue q = queues.get(queueName);
        if (q == null) {
            throw Errors.noQueue(queueName, name);
        }
        checkAccess(q, owner);
        return q;
    }

    /**
     * {@code exchange.declare}.
     *
     * @throws ProtocolException 404 passive and missing; 403 for the default exchange or an
     *     {@code amq.} name; 503 unknown type; 406 redeclared with other properties
     */
    public Exchange declareExchange(String exchangeName, String type, boolean passive, boolean durable,
                                    boolean autoDelete, boolean internal, Map<String, Object> args)
        throws ProtocolException {
        return declareExchange(exchangeName, type, passive, durable, autoDelete, internal, args, null);
    }

    /**
     * {@code exchange.declare} by a connection: with the argument {@code x-exclusive=true} the
     * exchange belongs to {@code owner}, is deleted when it closes, and other connections may only
     * publish to it: not declare, delete, bind nor unbind it (Fieldpost extension for temporary topics).
     *
     * @throws ProtocolException as the other overload; 405 an exclusive exchange of another connection
     */
    public Exchange declareExchange(String exchangeName, String type, boolean passive, boolean durable,
                                    boolean autoDelete, boolean internal, Map<String, Object> args, Object owner)
        throws ProtocolException {
        synchronized (topologyLock) {
            return exchanges.declare(exchangeName, type, passive, durable, autoDelete, internal, args, owner);
        }
    }

    /**
     * {@code exchange.delete} by a connection. Deleting a missing exchange succeeds (as in current RabbitMQ).
     *
     * @param owner the deleting connection
     * @throws ProtocolException 403 for the default or an {@code amq.} exchange; 405 an exclusive
     *     exchange of another connection; 406 when {@code ifUnused} and it is the source of bindings
     */
    public void deleteExchange(String exchangeName, boolean ifUnused, Object owner) throws ProtocolException {
        synchronized (topologyLock) {
            exchanges.delete(exchangeName, ifUnused, owner);
        }
    }

    /**
     * {@code queue.declare}. An empty name asks for a server-named queue ({@code amq.gen-...}); the
     * channel resolves the "last declared queue" meaning of an empty name itself.
     *
     * @param owner the declaring connection; owns the queue when {@code exclusive}
     * @throws ProtocolException 404 passive and missing; 403 {@code amq.} name; 405 exclusive to
     *     another connection; 406 invalid or inequivalent arguments or flags
     */
    public MessageQueue declareQueue(String queueName, boolean passive, boolean durable, boolean exclusive,
                                     boolean autoDelete, Map<String, Object> args, Object owner)
        throws ProtocolException {
        if (exclusive && owner == null) {
            throw new IllegalArgumentException("an exclusive queue needs an owner");
        }
        synchronized (topologyLock) {
            if (passive) {
                MessageQueue q = lookupQueue(queueName, owner);
                q.touch();
                return q;
            }
            String n = queueName.isEmpty() ? generateQueueName() : queueName;
            if (!queueName.isEmpty() && n.startsWith("amq.")) {
                throw Errors.reservedName("queue", n);
            }
            QueueArguments settings = QueueArguments.parse(n, name, args, config.defaultMaxPriority());
            MessageQueue existing = queues.get(n);
            if (existing != null) {
                checkAccess(existing, owner);
                Equivalence.check(existing, durable, exclusive, autoDelete, args, name);
                existing.touch();
                return existing;
            }
            boolean stored = durable && !exclusive;
            QueueContext context = new QueueContext(name, config.clock(), deadLetters, this::autoDeleteQueue,
                stored ? store : null, this::scheduleQueueTask, config.memory());
            MessageQueue q = new MessageQueue(n, durable, autoDelete, exclusive ? owner : null, args, settings,
                context);
            if (stored) {
                store.createQueue(new QueueRecord(n, autoDelete, q.arguments()));
            }
            queues.put(n, q);
            return q;
        }
    }

    private void checkAccess(MessageQueue q, Object owner) throws ProtocolException {
        if (q.exclusive() && q.exclusiveOwner() != owner) {
            throw Errors.locked(q.name(), name);
        }
    }

    private static String generateQueueName() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * {@code queue.delete}. Deleting a missing queue succeeds and returns 0 (as in current RabbitMQ).
     *
     * @return the number of messages deleted
     * @throws ProtocolException 405 exclusive to another connection; 406 if-unused/if-empty failed
     */
    public int deleteQueue(String queueName, boolean ifUnused, boolean ifEmpty, Object owner)
        throws ProtocolException {
        synchronized (topologyLock) {
            MessageQueue q = queues.get(queueName);
            if (q == null) {
                return 0;
            }
            checkAccess(q, owner);
            int count = q.delete(ifUnused, ifEmpty);
            removeQueue(q);
            return count;
        }
    }

    // guarded by topologyLock
    private void removeQueue(MessageQueue q) {
        if (!queues.remove(q.name(), q)) {
            return;
        }
        if (q.isStored()) {
            store.deleteQueue(q.name());
        }
        bindings.removeDestination(q);
    }

    /**
     * {@code queue.purge}.
     *
     * @throws ProtocolException 404 missing, 405 exclusive to another connection
     */
    public int purgeQueue(String queueName, Object owner) throws ProtocolException {
        return lookupQueue(queueName, owner).purge();
    }

    /**
     * {@code queue.bind}.
     *
     * @throws ProtocolException 403 default exchange; 404 queue or exchange missing; 405 exclusive
     *     queue or exchange of another connection; 406 invalid binding arguments
     */
    public void bindQueue(String queueName, String exchangeName, String routingKey, Map<String, Object> args,
                          Object owner) throws ProtocolException {
        if (exchangeName.isEmpty()) {
            throw Errors.defaultExchange();
        }
        synchronized (topologyLock) {
            MessageQueue q = lookupQueue(queueName, owner);
            Exchange x = exchanges.existing(exchangeName);
            exchanges.checkOwner(exchangeName, owner);
            bindings.bind(x, q, routingKey, args, q.isStored());
        }
    }

    /**
     * {@code queue.unbind}. Removing a binding that does not exist succeeds.
     *
     * @throws ProtocolException 403 default exchange; 404 queue or exchange missing; 405 exclusive
     *     queue or exchange of another connection
     */
    public void unbindQueue(String queueName, String exchangeName, String routingKey, Map<String, Object> args,
                            Object owner) throws ProtocolException {
        if (exchangeName.isEmpty()) {
            throw Errors.defaultExchange();
        }
        synchronized (topologyLock) {
            MessageQueue q = lookupQueue(queueName, owner);
            Exchange x = exchanges.existing(exchangeName);
            exchanges.checkOwner(exchangeName, owner);
            bindings.unbind(x, q, routingKey, args, q.isStored());
        }
    }

    /**
     * {@code exchange.bind} by a connection: messages routed by {@code source} with this binding
     * continue through {@code destination}.
     *
     * @throws ProtocolException 403 default exchange at either end; 404 either missing; 405 either
     *     is an exclusive exchange of another connection; 406 invalid binding arguments
     */
    public void bindExchange(String destination, String source, String routingKey, Map<String, Object> args,
                             Object owner) throws ProtocolException {
        if (destination.isEmpty() || source.isEmpty()) {
            throw Errors.defaultExchange();
        }
        synchronized (topologyLock) {
            Exchange d = exchanges.existing(destination);
            Exchange s = exchanges.existing(source);
            exchanges.checkOwner(destination, owner);
            exchanges.checkOwner(source, owner);
            bindings.bind(s, d, routingKey, args, d.durable());
        }
    }

    /**
     * {@code exchange.unbind} by a connection. Removing a binding that does not exist succeeds.
     *
     * @throws ProtocolException 403 default exchange at either end; 404 either missing; 405 either
     *     is an exclusive exchange of another connection
     */
    public void unbindExchange(String destination, String source, String routingKey, Map<String, Object> args,
                               Object owner) throws ProtocolException {
        if (destination.isEmpty() || source.isEmpty()) {
            throw Errors.defaultExchange();
        }
        synchronized (topologyLock) {
            Exchange d = exchanges.existing(destination);
            Exchange s = exchanges.existing(source);
            exchanges.checkOwner(destination, owner);
            exchanges.checkOwner(source, owner);
            bindings.unbind(s, d, routingKey, args, d.durable());
        }
    }

    /**
     * {@code basic.publish}: routes (following exchange-to-exchange bindings) and enqueues the
     * message once in every queue reached. Lock-free apart from each queue's own lock.
     *
     * @throws ProtocolException 404 missing exchange; 403 internal exchange
     */
    public RouteResult publish(String exchangeName, Message message) throws ProtocolException {
        Exchange x = exchanges.existing(exchangeName);
        if (x.internal()) {
            throw Errors.internalExchange(exchangeName, name);
        }
        return deliver(message, x.routeTransitively(message));
    }

    /**
     * Checks that a publish to this exchange would be accepted, without routing: used when a
     * transactional publish is buffered until commit.
     *
     * @throws ProtocolException 404 missing exchange; 403 internal exchange
     */
    public void checkPublishable(String exchangeName) throws ProtocolException {
        Exchange x = exchanges.existing(exchangeName);
        if (x.internal()) {
            throw Errors.internalExchange(exchangeName, name);
        }
    }

    /**
     * {@code basic.publish} inside a channel transaction: as {@link #publish(String, Message)}, but the
     * stored enqueues are recorded in {@code tx}, which the caller commits (with the transaction's
     * acks) and whose completion the result's {@code stored} is.
     *
     * @throws ProtocolException 404 missing exchange; 403 internal exchange
     */
    public RouteResult publish(String exchangeName, Message message, StoreTransaction tx) throws ProtocolException {
        Exchange x = exchanges.existing(exchangeName);
        if (x.internal()) {
            throw Errors.internalExchange(exchangeName, name);
        }
        return deliver(message, x.routeTransitively(message), tx);
    }

    /**
     * A new transaction of this virtual host's store, for a channel transaction that spans several
     * publishes and acks. Never blocks.
     */
    public StoreTransaction beginStoreTransaction() {
        return store.beginTransaction();
    }

    /** Enqueues into each queue among {@code targets}, writing persistent messages in one transaction. */
    RouteResult deliver(Message message, Collection<Destination> targets) {
        return deliver(message, targets, null);
    }

    private RouteResult deliver(Message message, Collection<Destination> targets, StoreTransaction shared) {
        StoreTransaction tx = shared;
        List<MessageQueue> accepted = new ArrayList<>(targets.size());
        int routed = 0;
        boolean rejected = false;
        for (Destination d : targets) {
            if (!(d instanceof MessageQueue q)) {
                continue;
            }
            if (tx == null && message.persistent() && q.isStored()) {
                tx = store.beginTransaction();
            }
            EnqueueResult result = q.enqueue(message, tx);
            if (result == EnqueueResult.ACCEPTED) {
                accepted.add(q);
                routed++;
            } else if (result == EnqueueResult.REJECTED) {
                rejected = true;
                routed++;
            }
        }
        CompletableFuture<Void> stored;
        if (shared != null) {
            stored = shared.completion();
        } else {
            stored = tx == null ? DONE : tx.commit();
        }
        return new RouteResult(List.copyOf(accepted), routed, rejected, stored);
    }

    private void scheduleQueueTask(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("timer stopped; queue task dropped (the broker is shutting down)");
        }
    }

    /** The connection closed: deletes its exclusive queues and exchanges. */
    public void connectionClosed(Object owner) {
        synchronized (topologyLock) {
            for (MessageQueue q : queues.values()) {
                if (q.exclusiveOwner() == owner) {
                    deleteQuietly(q);
                }
            }
            exchanges.removeOwnedBy(owner);
        }
    }

    private void autoDeleteQueue(MessageQueue q) {
        synchronized (topologyLock) {
            if (queues.get(q.name()) == q && q.consumerCount() == 0) {
                deleteQuietly(q);
            }
        }
    }

    // guarded by topologyLock
    private void deleteQuietly(MessageQueue q) {
        try {
            q.delete(false, false);
        } catch (ProtocolException e) {
            throw new IllegalStateException("unconditional delete failed", e);
        }
        removeQueue(q);
    }

    /**
     * One sweep: dead-letters expired messages at the head of every queue and deletes queues unused
     * for their {@code x-expires}. Runs periodically on the timer; tests may call it directly.
     */
    public void runHousekeeping() {
        for (MessageQueue q : queues.values()) {
            q.expireMessages();
            if (q.isExpiredUnused()) {
                synchronized (topologyLock) {
                    if (queues.get(q.name()) == q && q.isExpiredUnused()) {
                        deleteQuietly(q);
                    }
                }
            }
        }
    }

    private void housekeepingSafely() {
        try {
            runHousekeeping();
        } catch (RuntimeException e) {
            LOG.warn("housekeeping of vhost '{}' failed", name, e);
        }
    }

    // for recovery, under topologyLock
    void recovered(Exchange x) {
        exchanges.recovered(x);
    }

    // for recovery, under topologyLock
    MessageQueue recoveredQueue(QueueRecord r) {
        QueueArguments settings;
        try {
            settings = QueueArguments.parse(r.name(), name, r.arguments(), config.defaultMaxPriority());
        } catch (ProtocolException e) {
            LOG.warn("stored queue '{}' has invalid arguments; ignoring them: {}", r.name(), e.getMessage());
            settings = QueueArguments.NONE;
        }
        QueueContext context = new QueueContext(name, config.clock(), deadLetters, this::autoDeleteQueue, store,
            this::scheduleQueueTask, config.memory());
        MessageQueue q = new MessageQueue(r.name(), true, r.autoDelete(), null, r.arguments(), settings, context);
        queues.put(r.name(), q);
        return q;
    }

    // for recovery, under topologyLock
    void recovered(BindingRecord r) {
        Exchange source = exchanges.get(r.source());
        Destination destination = r.destinationIsExchange()
            ? exchanges.get(r.destination()) : queues.get(r.destination());
        if (source == null || destination == null) {
            LOG.warn("stored binding {} refers to a missing exchange or queue; ignoring it", r);
            return;
        }
        source.bind(new Binding(r.source(), destination, r.routingKey(), r.arguments()));
    }
}
