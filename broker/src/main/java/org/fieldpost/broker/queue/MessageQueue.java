package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/**
 * A queue: holds entries in priority-then-arrival order and dispatches them round-robin to
 * consumers with credit.
 *
 * <p>Concurrency: a single writer. Every state change happens under one {@link ReentrantLock}
 * ({@code lock}); no state is mutated outside it. Dispatch runs under the lock on the thread that
 * triggered it and calls {@link Consumer#tryDeliver} with the lock held (see {@link Consumer} for
 * that contract). Side effects that reach outside the queue (store writes, dead-lettering, consumer
 * cancellation, auto-delete) are collected in an {@link Outbox} and run after the lock is released,
 * so a thread never holds two queue locks. Immutable attributes are readable without the lock.
 */
public final class MessageQueue implements Destination {

    private final String name;
    private final boolean durable;
    private final boolean autoDelete;
    private final Object exclusiveOwner;
    private final Map<String, Object> arguments;
    private final QueueArguments settings;
    private final QueueContext context;

    private final ReentrantLock lock = new ReentrantLock();
    private final QueueEntries available = new QueueEntries(); // guarded by lock
    private final ConsumerList consumers = new ConsumerList(); // guarded by lock
    private final DelayedEntries delayed = new DelayedEntries(); // guarded by lock
    private long wakeAtMillis = Long.MAX_VALUE; // guarded by lock
    private long nextSequence; // guarded by lock
    private int acquired; // guarded by lock
    /** Redelivered entries whose new delivery count is not stored yet: dispatch waits for them. */
    private int pendingCounts; // guarded by lock
    private boolean deleted; // guarded by lock
    /** Queue argument: drop messages published by a connection that consumes from this queue (JMS noLocal). */
    public static final String NO_LOCAL = "x-no-local";

    private final boolean noLocal;
    private boolean hadConsumer; // guarded by lock
    private long lastUsedMillis; // guarded by lock

    /**
     * @param exclusiveOwner the owning connection of an exclusive queue, null otherwise
     * @param arguments the declaration arguments as received
     * @param settings the same arguments, parsed
     */
    public MessageQueue(String name, boolean durable, boolean autoDelete, Object exclusiveOwner,
                        Map<String, Object> arguments, QueueArguments settings, QueueContext context) {
        this.name = name;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.exclusiveOwner = exclusiveOwner;
        this.arguments = arguments == null || arguments.isEmpty()
            ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        this.settings = settings;
        this.context = context;
        this.noLocal = Boolean.TRUE.equals(this.arguments.get(NO_LOCAL));
        this.lastUsedMillis = context.clock().getAsLong();
    }

    @Override
    public String name() {
        return name;
    }

    public boolean durable() {
        return durable;
    }

    public boolean autoDelete() {
        return autoDelete;
    }

    public boolean exclusive() {
        return exclusiveOwner != null;
    }

    /** The connection owning this exclusive queue, or null. */
    public Object exclusiveOwner() {
        return exclusiveOwner;
    }

    /** Declaration arguments as received, unmodifiable. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** Declaration arguments, parsed. */
    public QueueArguments settings() {
        return settings;
    }

    /** True when persistent messages on this queue are written to the store. */
    public boolean isStored() {
        return context.store() != null;
    }

    /**
     * Adds a message; persistent messages of a stored queue are written in a transaction of their
     * own. Prefer {@link #enqueue(Message, StoreTransaction)} when publishing to several queues.
     */
    public EnqueueResult enqueue(Message message) {
        if (!isStored() || !message.persistent()) {
            return enqueue(message, null);
        }
        StoreTransaction tx = context.store().beginTransaction();
        EnqueueResult result = enqueue(message, tx);
        tx.commit();
        return result;
    }

    /**
     * Adds a message and dispatches. When the queue is stored and the message persistent, the
     * enqueue is recorded in {@code tx} (which the caller commits; later store work for this entry
     * waits for that commit). Applies the overflow policy: {@code drop-head} dead-letters the oldest
     * ready messages (reason {@code maxlen}); {@code reject-publish(-dlx)} refuses the message.
     */
    public EnqueueResult enqueue(Message message, StoreTransaction tx) {
        Outbox out = new Outbox();
        EnqueueResult result;
        lock.lock();
        try {
            result = enqueueLocked(message, tx, out);
        } finally {
            lock.unlock();
        }
        out.run(this, context);
        return result;
    }

    // guarded by lock
    private EnqueueResult enqueueLocked(Message message, StoreTransaction tx, Outbox out) {
        if (deleted) {
            return EnqueueResult.DISCARDED;
        }
        if (noLocal && message.publisher() != null && consumers.hasConsumerOf(message.publisher())) {
            // A subscriber never receives what its own connection published (JMS noLocal).
            return EnqueueResult.ACCEPTED;
        }
        if (settings.overflow() != QueueArguments.Overflow.DROP_HEAD && isFullFor(message)) {
            if (settings.overflow() == QueueArguments.Overflow.REJECT_PUBLISH_DLX) {
                deadLetterMessage(message, DeadLetterReason.MAXLEN, out);
            }
            return EnqueueResult.REJECTED;
        }
        long now = context.clock().getAsLong();
        CompletableFuture<Void> stored = null;
        if (tx != null && isStored() && message.persistent()) {
            tx.enqueue(name, message);
            stored = tx.completion();
        }
        QueueEntry entry = new QueueEntry(this, message, nextSequence++,
            Math.min(message.priority(), settings.maxPriority()), expiryOf(message, now), stored);
        if (message.deliveryTimeMillis() > now) {
            delayed.add(entry);
            scheduleWakeUp();
            return EnqueueResult.ACCEPTED;
        }
        available.add(entry);
        dispatch(now, out);
        if (entry.state() == QueueEntry.State.AVAILABLE && entry.isDue(now)) {
            // a TTL of 0 means: deliver now or never
            available.remove(entry);
            discard(entry, DeadLetterReason.EXPIRED, out);
        }
        enforceMaxLength(out);
        return EnqueueResult.ACCEPTED;
    }

    private long expiryOf(Message message, long now) {
        long expiry = message.expiresAtMillis() == 0 ? QueueEntry.NEVER : message.expiresAtMillis();
        if (settings.messageTtl() != null) {
            long ttl = settings.messageTtl();
            expiry = Math.min(expiry, now > Long.MAX_VALUE - ttl ? QueueEntry.NEVER : now + ttl);
        }
        return expiry;
    }

    // guarded by lock
    private boolean isFullFor(Message message) {
        return (settings.maxLength() != null && available.size() >= settings.maxLength())
            || (settings.maxLengthBytes() != null
                && available.bytes() + message.bodySize() > settings.maxLengthBytes());
    }

    // guarded by lock
    private void enforceMaxLength(Outbox out) {
        Long maxLength = settings.maxLength();
        Long maxBytes = settings.maxLengthBytes();
        while ((maxLength != null && available.size() > maxLength)
            || (maxBytes != null && available.bytes() > maxBytes)) {
            discard(available.pollFirst(), DeadLetterReason.MAXLEN, out);
        }
    }

    /**
     * Adds a consumer and dispatches to it.
     *
     * @throws ProtocolException 403 ACCESS_REFUSED when the queue has an exclusive consumer, or when
     *     {@code exclusive} is asked while other consumers exist; 404 when the queue was deleted
     */
    public void addConsumer(Consumer consumer, boolean exclusive) throws ProtocolException {
        Outbox out = new Outbox();
        lock.lock();
        try {
            if (deleted) {
                throw new ProtocolException(ReplyCode.NOT_FOUND, notFoundText());
            }
            if (consumers.hasExclusive() || (exclusive && !consumers.isEmpty())) {
                throw new ProtocolException(ReplyCode.ACCESS_REFUSED,
                    "queue '" + name + "' in vhost '" + context.virtualHost() + "' in exclusive use");
            }
            consumers.add(consumer, exclusive);
            hadConsumer = true;
            dispatch(context.clock().getAsLong(), out);
        } finally {
            lock.unlock();
        }
        out.run(this, context);
    }

    /**
     * Removes a consumer. Its unacknowledged entries stay acquired: the channel releases them
     * explicitly. An auto-delete queue that had consumers asks its virtual host to delete it when the
     * last one goes.
     *
     * @return false if the consumer was not registered
     */
    public boolean removeConsumer(Consumer consumer) {
        Outbox out = new Outbox();
        lock.lock();
        try {
            if (!consumers.remove(consumer)) {
                return false;
            }
            if (consumers.isEmpty()) {
                lastUsedMillis = context.clock().getAsLong();
                if (autoDelete && hadConsumer && !deleted) {
                    out.requestAutoDelete();
                }
            }
        } finally {
            lock.unlock();
        }
        out.run(this, context);
        return true;
    }

    /** The consumer has credit again (the channel freed prefetch room): resume offering to it. */
    public void consumerReady(Consumer consumer) {
        withLock(out -> {
            consumers.ready(consumer);
            dispatch(context.clock().getAsLong(), out);
        });
    }

    /** Treats every consumer as ready again and dispatches (synchronously, on the calling thread). */
    public void scheduleDispatch() {
        withLock(out -> {
            consumers.readyAll();
            dispatch(context.clock().getAsLong(), out);
        });
    }

    // guarded by lock
    private void dispatch(long now, Outbox out) {
        if (deleted || pendingCounts > 0 || !consumers.anyReady() || available.isEmpty()) {
            return;
        }
        Iterator<QueueEntry> it = available.iterator();
        while (it.hasNext() && consumers.anyReady()) {
            QueueEntry entry = it.next();
            if (entry.isExpired(now)) {
                it.remove();
                discard(entry, DeadLetterReason.EXPIRED, out);
                continue;
            }
            Consumer taker = consumers.offer(entry);
            if (taker != null) {
                it.remove();
                if (taker.noAck()) {
                    entry.remove();
                    out.dequeue(entry);
                } else {
                    acquired++;
                }
            }
        }
    }

    /**
     * {@code basic.get}: acquires the head entry (dropping expired ones), or returns null when the
     * queue is empty. Counts as a use for {@code x-expires}. The caller acknowledges at once for
     * no-ack gets.
     */
    public QueueEntry get() {
        Outbox out = new Outbox();
        QueueEntry result = null;
        lock.lock();
        try {
            long now = context.clock().getAsLong();
            lastUsedMillis = now;
            while (!deleted && pendingCounts == 0 && result == null && !available.isEmpty()) {
                QueueEntry head = available.pollFirst();
                if (head.isExpired(now)) {
                    discard(head, DeadLetterReason.EXPIRED, out);
                } else {
                    head.acquire(null);
                    acquired++;
                    result = head;
                }
            }
        } finally {
            lock.unlock();
        }
        out.run(this, context);
        return result;
    }

    /**
     * Forgets an acquired entry for good as part of {@code tx} (a {@code tx.commit} holding several
     * acks and publishes): the dequeue of a stored entry is recorded in {@code tx} instead of a
     * transaction of its own. The caller commits {@code tx} only after {@link QueueEntry#whenStored()}
     * of every entry it acknowledges this way. Returns false if the entry was not acquired.
     */
    public boolean acknowledge(QueueEntry entry, StoreTransaction tx) {
        checkOwn(entry);
        boolean done;
        lock.lock();
        try {
            done = entry.state() == QueueEntry.State.ACQUIRED;
            if (done) {
                entry.remove();
                acquired--;
                if (entry.stored() != null) {
                    tx.dequeue(name, entry.message().id());
                }
            }
        } finally {
            lock.unlock();
        }
        return done;
    }

    /** Forgets an acquired entry for good (basic.ack). Returns false if it was not acquired. */
    public boolean acknowledge(QueueEntry entry) {
        checkOwn(entry);
        boolean[] done = new boolean[1];
        withLock(out -> {
            if (entry.state() == QueueEntry.State.ACQUIRED) {
                entry.remove();
                acquired--;
                out.dequeue(entry);
                done[0] = true;
            }
        });
        return done[0];
    }

    /**
     * Puts an acquired entry back at its original position (nack/reject with requeue, recover,
     * channel close). With {@code redelivered} the entry is flagged redelivered and its delivery
     * count grows by one. Returns false if the entry was not acquired.
     */
    public boolean release(QueueEntry entry, boolean redelivered) {
        checkOwn(entry);
        boolean[] done = new boolean[1];
        withLock(out -> {
            if (entry.state() != QueueEntry.State.ACQUIRED) {
                return;
            }
            done[0] = true;
            acquired--;
            if (deleted) {
                entry.remove();
                return;
            }
            entry.makeAvailable();
            available.add(entry);
            if (redelivered) {
                entry.markRedelivered(true);
                if (entry.stored() != null) {
                    // The count a redelivery shows must be durable first. The entry is back in its
                    // place already, so the queue order holds; dispatch waits until the store has
                    // the count (requeueCounted).
                    pendingCounts++;
                    out.requeueAfterCountStored(entry);
                    return;
                }
            }
            dispatch(context.clock().getAsLong(), out);
        });
        return done[0];
    }

    /**
     * The delivery count of an entry released for redelivery is stored (or storing it failed: the
     * message is still held, so it is offered again rather than lost): dispatch may go on. Called by
     * the {@link Outbox}, never under a queue lock.
     */
    void requeueCounted(QueueEntry entry) {
        withLock(out -> {
            pendingCounts--;
            dispatch(context.clock().getAsLong(), out);
        });
    }

    /**
     * Rejects an acquired entry without requeue: dead-letters it (reason {@code rejected}) when the
     * queue has a dead-letter exchange, else drops it. Returns false if it was not acquired.
     */
    public boolean reject(QueueEntry entry) {
        checkOwn(entry);
        boolean[] done = new boolean[1];
        withLock(out -> {
            if (entry.state() == QueueEntry.State.ACQUIRED) {
                acquired--;
                discard(entry, DeadLetterReason.REJECTED, out);
                done[0] = true;
            }
        });
        return done[0];
    }

    /** Removes every available entry (acquired ones stay) and returns how many there were. */
    public int purge() {
        int[] count = new int[1];
        withLock(out -> {
            List<QueueEntry> all = available.clear();
            all.addAll(delayed.clear());
            for (QueueEntry e : all) {
                e.remove();
                out.dequeue(e);
            }
            count[0] = all.size();
        });
        return count[0];
    }

    /**
     * Marks the queue deleted, drops its entries and cancels its consumers (outside the lock, through
     * {@link Consumer#cancelledByBroker()}). Idempotent: returns 0 when already deleted. The virtual
     * host removes bindings and the stored queue.
     *
     * @return the number of available messages dropped
     * @throws ProtocolException 406 when {@code ifUnused} and it has consumers, or {@code ifEmpty}
     *     and it has available messages
     */
    public int delete(boolean ifUnused, boolean ifEmpty) throws ProtocolException {
        Outbox out = new Outbox();
        int count;
        lock.lock();
        try {
            if (deleted) {
                return 0;
            }
            String where = "queue '" + name + "' in vhost '" + context.virtualHost() + "'";
            if (ifUnused && !consumers.isEmpty()) {
                throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, where + " in use");
            }
            if (ifEmpty && !available.isEmpty()) {
                throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, where + " is not empty");
            }
            deleted = true;
            List<QueueEntry> all = available.clear();
            all.addAll(delayed.clear());
            all.forEach(QueueEntry::remove);
            count = all.size();
            out.cancel(consumers.clear());
        } finally {
            lock.unlock();
        }
        out.run(this, context);
        return count;
    }

    /**
     * Makes delayed entries whose delivery time has come available, and dispatches them. Called by
     * the wake-up timer and by the periodic sweep.
     */
    public void releaseDue() {
        withLock(out -> {
            wakeAtMillis = Long.MAX_VALUE;
            if (deleted) {
                return;
            }
            long now = context.clock().getAsLong();
            List<QueueEntry> due = delayed.pollDue(now);
            for (QueueEntry e : due) {
                available.add(e);
            }
            scheduleWakeUp();
            if (!due.isEmpty()) {
                dispatch(now, out);
            }
        });
    }

    // guarded by lock
    private void scheduleWakeUp() {
        long next = delayed.nextDueMillis();
        if (next == Long.MAX_VALUE || next >= wakeAtMillis || context.timer() == null) {
            return;
        }
        wakeAtMillis = next;
        context.timer().schedule(this::releaseDue, next - context.clock().getAsLong());
    }

    /** Number of messages held back until their delivery time. */
    public int delayedCount() {
        return read(() -> delayed.size());
    }

    /** Removes expired entries at the head of each priority level (the periodic sweep). */
    public int expireMessages() {
        releaseDue();
        int[] count = new int[1];
        withLock(out -> {
            if (deleted || available.isEmpty()) {
                return;
            }
            List<QueueEntry> expired = available.removeExpiredHeads(context.clock().getAsLong());
            for (QueueEntry e : expired) {
                discard(e, DeadLetterReason.EXPIRED, out);
            }
            count[0] = expired.size();
        });
        return count[0];
    }

    /** Records a use for {@code x-expires} (a redeclare). */
    public void touch() {
        withLock(out -> lastUsedMillis = context.clock().getAsLong());
    }

    /**
     * True when the queue has {@code x-expires} and has been unused (no consumer, no get, no
     * redeclare) for at least that long.
     */
    public boolean isExpiredUnused() {
        Long expires = settings.expires();
        if (expires == null) {
            return false;
        }
        lock.lock();
        try {
            return !deleted && consumers.isEmpty() && context.clock().getAsLong() - lastUsedMillis >= expires;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an entry read back from the store at start-up (no store write, no dispatch: recovery
     * happens before consumers exist).
     */
    public void recover(Message message, int deliveryCount) {
        withLock(out -> {
            QueueEntry entry = new QueueEntry(this, message, nextSequence++,
                Math.min(message.priority(), settings.maxPriority()),
                expiryOf(message, context.clock().getAsLong()), CompletableFuture.completedFuture(null));
            entry.restoreDeliveryCount(deliveryCount);
            if (message.deliveryTimeMillis() > context.clock().getAsLong()) {
                delayed.add(entry);
                scheduleWakeUp();
            } else {
                available.add(entry);
            }
        });
    }

    /**
     * A snapshot of the available entries in delivery order, skipping expired ones, for a browser:
     * nothing is acquired, so the entries stay available to consumers.
     */
    public List<QueueEntry> browse() {
        lock.lock();
        try {
            long now = context.clock().getAsLong();
            List<QueueEntry> snapshot = new ArrayList<>(available.size());
            for (QueueEntry e : available) {
                if (!e.isExpired(now)) {
                    snapshot.add(e);
                }
            }
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /** Number of available (ready) messages. */
    public int messageCount() {
        return read(() -> available.size());
    }

    /** Body bytes of the available messages. */
    public long messageBytes() {
        return read(() -> available.bytes());
    }

    /** Number of acquired, unacknowledged entries. */
    public int unacknowledgedCount() {
        return read(() -> acquired);
    }

    public int consumerCount() {
        return read(() -> consumers.size());
    }

    /** True once {@link #delete} ran. */
    public boolean isDeleted() {
        return read(() -> deleted);
    }

    // guarded by lock
    private void discard(QueueEntry entry, DeadLetterReason reason, Outbox out) {
        entry.remove();
        out.dequeue(entry);
        deadLetterMessage(entry.message(), reason, out);
    }

    private void deadLetterMessage(Message message, DeadLetterReason reason, Outbox out) {
        if (settings.deadLetterExchange() != null) {
            out.deadLetter(message, reason);
        }
    }

    /** Reads state under the lock (a consistent snapshot of one value). */
    private <T> T read(Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    private void withLock(java.util.function.Consumer<Outbox> action) {
        Outbox out = new Outbox();
        lock.lock();
        try {
            action.accept(out);
        } finally {
            lock.unlock();
        }
        out.run(this, context);
    }

    private void checkOwn(QueueEntry entry) {
        if (entry.queue() != this) {
            throw new IllegalArgumentException(entry + " is not an entry of queue '" + name + "'");
        }
    }

    private String notFoundText() {
        return "no queue '" + name + "' in vhost '" + context.virtualHost() + "'";
    }

    @Override
    public String toString() {
        return "queue '" + name + "'";
    }
}
