package org.fieldpost.broker.queue;

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
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.jms.JmsHeaders;

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
 *
 * <p>Two package-private parts work over the same lock and state: {@link QueueSettlement} (get,
 * acknowledge, release, reject) and {@link QueuePageIn} (reading the paged tail back).
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
    private final QueueBacklog backlog; // guarded by lock
    private final QueueEntries available; // guarded by lock; the backlog's ready entries
    private final ConsumerList consumers = new ConsumerList(); // guarded by lock
    private final QueueSettlement settlement; // guarded by lock
    private final QueuePageIn pageIns;
    private boolean deleted; // guarded by lock

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
        this.noLocal = Boolean.TRUE.equals(this.arguments.get(JmsHeaders.X_NO_LOCAL));
        this.lastUsedMillis = context.clock().getAsLong();
        this.backlog = new QueueBacklog(this, settings, context);
        this.available = backlog.available();
        this.settlement = new QueueSettlement(this, available, context);
        this.pageIns = new QueuePageIn(this, backlog, context);
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
        if (settings.overflow() != QueueArguments.Overflow.DROP_HEAD && backlog.isFullFor(message)) {
            if (settings.overflow() == QueueArguments.Overflow.REJECT_PUBLISH_DLX) {
                deadLetterMessage(message, DeadLetterReason.MAXLEN, out);
            }
            return EnqueueResult.REJECTED;
        }
        if (backlog.pager().take(message, tx)) {
            requestPageIn(out);
            return EnqueueResult.ACCEPTED;
        }
        long now = context.clock().getAsLong();
        CompletableFuture<Void> stored = null;
        PendingEnqueue pending = null;
        if (tx != null && isStored() && message.persistent()) {
            pending = tx.enqueue(name, message);
            stored = tx.completion();
        }
        QueueEntry entry = backlog.newEntry(message, now, stored);
        entry.pendingEnqueue(pending);
        if (!backlog.place(entry, now)) {
            return EnqueueResult.ACCEPTED; // held back until its delivery time
        }
        dispatch(now, out);
        if (entry.state() == QueueEntry.State.AVAILABLE && entry.isDue(now)) {
            // a TTL of 0 means: deliver now or never
            available.remove(entry);
            discard(entry, DeadLetterReason.EXPIRED, out);
        }
        enforceMaxLength(out);
        return EnqueueResult.ACCEPTED;
    }

    // guarded by lock
    private void enforceMaxLength(Outbox out) {
        for (QueueEntry e = backlog.pollOverLimit(); e != null; e = backlog.pollOverLimit()) {
            discard(e, DeadLetterReason.MAXLEN, out);
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
    void dispatch(long now, Outbox out) {
        dispatchAvailable(now, out);
        requestPageIn(out);
    }

    // guarded by lock
    private void requestPageIn(Outbox out) {
        if (!deleted && backlog.wantsPageIn()) {
            out.pageIn();
        }
    }

    // guarded by lock
    private void dispatchAvailable(long now, Outbox out) {
        if (deleted || settlement.holdsDispatch() || !consumers.anyReady() || available.isEmpty()) {
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
                    settlement.acquiredByConsumer();
                }
            }
        }
    }

    /**
     * {@code basic.get}: acquires the head entry (dropping expired ones), or gives null when the queue
     * is empty. When the memory part is empty but messages are paged out, the entry comes after a
     * page-in, on the pager thread: the future is then not done yet, and the caller must not block on
     * it on an event loop. Counts as a use for {@code x-expires}. The caller acknowledges at once for
     * no-ack gets, and releases the entry if it can no longer deliver it.
     */
    public CompletableFuture<QueueEntry> get() {
        return settlement.get();
    }

    /** Forgets an acquired entry for good (basic.ack). Returns false if it was not acquired. */
    public boolean acknowledge(QueueEntry entry) {
        return acknowledge(entry, null);
    }

    /**
     * Forgets an acquired entry for good; with {@code tx} (a {@code tx.commit} holding several acks
     * and publishes) the dequeue of a stored entry is recorded in {@code tx} instead of a transaction
     * of its own, and the caller commits {@code tx} only after {@link QueueEntry#whenSubmitted()} of
     * every entry it acknowledges this way. Returns false if the entry was not acquired.
     */
    public boolean acknowledge(QueueEntry entry, StoreTransaction tx) {
        checkOwn(entry);
        return settlement.acknowledge(entry, tx);
    }

    /**
     * Puts an acquired entry back at its original position (nack/reject with requeue, recover,
     * channel close). With {@code redelivered} the entry is flagged redelivered and its delivery
     * count grows by one (stored first for a stored entry; dispatch waits for it). Returns false if
     * the entry was not acquired.
     */
    public boolean release(QueueEntry entry, boolean redelivered) {
        checkOwn(entry);
        return settlement.release(entry, redelivered);
    }

    /**
     * Rejects an acquired entry without requeue: dead-letters it (reason {@code rejected}) when the
     * queue has a dead-letter exchange, else drops it. Returns false if it was not acquired.
     */
    public boolean reject(QueueEntry entry) {
        checkOwn(entry);
        return settlement.reject(entry);
    }

    /** Removes every available entry (acquired ones stay) and returns how many there were. */
    public int purge() {
        int[] count = new int[1];
        withLock(out -> {
            QueueBacklog.Cleared cleared = backlog.clear();
            for (QueueEntry e : cleared.entries()) {
                e.remove();
                out.dequeue(e);
            }
            out.dequeuePaged(cleared.paged(), backlog.pager().allEnqueuesDone());
            count[0] = cleared.count();
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
            if (ifEmpty && !backlog.isEmpty()) {
                throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, where + " is not empty");
            }
            deleted = true;
            QueueBacklog.Cleared cleared = backlog.clear();
            cleared.entries().forEach(QueueEntry::remove);
            count = cleared.count();
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
            if (deleted) {
                return;
            }
            long now = context.clock().getAsLong();
            if (!backlog.releaseDue(now).isEmpty()) {
                dispatch(now, out);
            }
        });
    }

    /** Number of messages held back until their delivery time. */
    public int delayedCount() {
        return read(() -> backlog.delayedCount());
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

    /** True when {@code message} could live in the store only here, were memory short (see QueuePager). */
    public boolean canPageOut(Message message) {
        return backlog.pager().canPageOut(message);
    }

    /**
     * Reads the head of the paged tail back from the store and puts it in the queue, on the pager
     * thread; when a page-in runs already, waits for that one. Never holds the lock while reading and
     * never blocks the caller. Completes with whether messages may have been paged in ({@code false}
     * at once when the tail is empty or the broker is stopping).
     */
    CompletableFuture<Boolean> pageIn() {
        return pageIns.pageIn();
    }

    /**
     * Adds an entry read back from the store at start-up (no store write, no dispatch: recovery
     * happens before consumers exist).
     */
    public void recover(Message message, int deliveryCount) {
        withLock(out -> backlog.recover(message, deliveryCount, context.clock().getAsLong()));
    }

    /**
     * A browse of the available messages in delivery order, paged-out ones included (read from the
     * store as the browse goes), skipping expired ones: nothing is acquired nor paged in, so the
     * messages stay available to consumers. Never blocks beyond the lock.
     */
    public QueueBrowse browse() {
        return read(() -> backlog.browse(context.clock().getAsLong()));
    }

    /** Number of available (ready) messages, paged-out ones included. */
    public int messageCount() {
        return read(() -> backlog.readyCount());
    }

    /** Body bytes of the available messages. */
    public long messageBytes() {
        return read(() -> available.bytes());
    }

    /** Number of acquired, unacknowledged entries. */
    public int unacknowledgedCount() {
        return read(() -> settlement.acquiredCount());
    }

    public int consumerCount() {
        return read(() -> consumers.size());
    }

    /** True once {@link #delete} ran. */
    public boolean isDeleted() {
        return read(() -> deleted);
    }

    // guarded by lock
    void discard(QueueEntry entry, DeadLetterReason reason, Outbox out) {
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
    <T> T read(Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the lock, then the side effects it collected, after releasing it. */
    void withLock(java.util.function.Consumer<Outbox> action) {
        Outbox out = new Outbox();
        lock.lock();
        try {
            action.accept(out);
        } finally {
            lock.unlock();
        }
        out.run(this, context);
    }

    // guarded by lock
    boolean deleted() {
        return deleted;
    }

    // guarded by lock: records a use for x-expires
    void markUsed(long now) {
        lastUsedMillis = now;
    }

    QueueSettlement settlement() {
        return settlement;
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
