package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paging for one queue. When the broker is over its memory limit, a stored queue keeps new
 * persistent messages only in the store and remembers their ids in a {@link PagedTail}; once the
 * tail exists everything arriving goes behind it, so order is kept. When fewer than
 * {@link #LOW_WATER} messages are ready in memory, the next {@link #BATCH} of the tail is read back
 * on the pager thread (outside the queue lock) and put in the queue ahead of dispatch.
 *
 * <p>Only queues without a message TTL or a length limit page, and only persistent messages without
 * an expiration or a delivery time. Everything else stays in memory (and its publishers are blocked
 * while the broker is over the limit). Priorities: the tail keeps arrival order, and priority order
 * holds among the messages in memory (the paged-in window), as in other brokers that page.
 *
 * <p>Concurrency: every method except {@link #read} is called under the queue's lock; {@code read}
 * runs on the pager thread with no lock held.
 */
final class QueuePager {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePager.class);
    static final int BATCH = 1000;
    static final int LOW_WATER = 500;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String queue;
    private final QueueArguments settings;
    private final MessageStore store;
    private final QueueMemory memory;
    private final PagedTail tail = new PagedTail();
    /**
     * Store enqueues of tail slots not yet completed, by slot position. Transactions may commit in
     * another order than the slots were added, so a page-in waits for every one before its last
     * slot, not just the latest. Completions remove themselves (on the store's writer thread).
     */
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> pendingEnqueues =
        new ConcurrentSkipListMap<>();
    /** The page-in under way, completed when it has put its messages in the queue; null when none. */
    private CompletableFuture<Void> running;

    QueuePager(String queue, QueueArguments settings, QueueContext context) {
        this.queue = queue;
        this.settings = settings;
        this.store = context.store();
        this.memory = context.memory();
    }

    /** True when this queue may keep {@code message} in the store only. */
    boolean canPageOut(Message message) {
        return store != null && memory.limited() && message.persistent() && message.expiresAtMillis() == 0
            && message.deliveryTimeMillis() == 0 && settings.messageTtl() == null && settings.maxLength() == null
            && settings.maxLengthBytes() == null;
    }

    /** Messages in the tail. */
    int size() {
        return tail.size();
    }

    /**
     * Takes a published message into the tail when the queue pages (the store enqueue is recorded in
     * {@code tx}); false when it belongs in memory as usual.
     */
    boolean take(Message message, StoreTransaction tx) {
        boolean stored = tx != null && store != null && message.persistent();
        if (stored && canPageOut(message) && (!tail.isEmpty() || memory.overLimit())) {
            if (tail.isEmpty()) {
                LOG.debug("FP-Q002 queue '{}' pages to the store ({} bytes used of {})", queue, memory.used(),
                    memory.limit());
            }
            tx.enqueue(queue, message);
            track(tx.completion());
            tail.addPaged(message.id(), 0);
            return true;
        }
        if (tail.isEmpty()) {
            return false;
        }
        CompletableFuture<Void> enqueued = null;
        if (stored) {
            tx.enqueue(queue, message);
            enqueued = tx.completion();
            track(enqueued);
        }
        tail.addHeld(message, enqueued);
        return true;
    }

    /** Remembers the enqueue of the slot about to be added until it completes. */
    private void track(CompletableFuture<Void> enqueue) {
        long position = tail.nextPosition();
        pendingEnqueues.put(position, enqueue);
        enqueue.whenComplete((ok, failure) -> pendingEnqueues.remove(position));
    }

    /** Takes a recovered entry into the tail when memory is short (or the tail exists already). */
    boolean takeRecovered(Message message, int deliveryCount) {
        if (canPageOut(message) && (!tail.isEmpty() || memory.overLimit())) {
            tail.addPaged(message.id(), deliveryCount);
            return true;
        }
        return false;
    }

    boolean wantsPageIn(int availableCount) {
        return !tail.isEmpty() && running == null && availableCount < LOW_WATER;
    }

    /** Starts a page-in of the head of the tail; null when one runs already or the tail is empty. */
    PageIn claim() {
        if (running != null || tail.isEmpty()) {
            return null;
        }
        running = new CompletableFuture<>();
        int n = Math.min(BATCH, tail.size());
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (tail.id(i) != PagedTail.HELD) {
                ids.add(tail.id(i));
            }
        }
        Collection<CompletableFuture<Void>> pending =
            pendingEnqueues.headMap(tail.headPosition() + n, false).values();
        CompletableFuture<Void> after = pending.isEmpty() ? DONE
            : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
        return new PageIn(n, ids.stream().mapToLong(Long::longValue).toArray(), tail.generation(), after);
    }

    /**
     * Reads the claimed messages from the store, after the enqueues that wrote them are durable.
     * Blocks; pager thread, no lock. Messages whose enqueue failed are absent from the result; null
     * when the read failed.
     */
    Map<Long, Message> read(PageIn request, MessageQueue owner) {
        try {
            request.after().handle((ok, failure) -> null).join();
            return request.ids().length == 0 ? Map.of() : store.readMessages(request.ids());
        } catch (RuntimeException e) {
            LOG.warn("FP-Q001 paging in {} failed; will retry", owner, e);
            return null;
        }
    }

    /**
     * Ends a page-in: returns the messages to put in the queue, in order, and removes them from the
     * tail. With {@code loaded} null (the read failed) the tail is left as it was, to be retried.
     */
    List<PagedIn> complete(PageIn request, Map<Long, Message> loaded) {
        running.complete(null);
        running = null;
        if (loaded == null || request.generation() != tail.generation()) {
            return List.of();
        }
        List<PagedIn> result = new ArrayList<>(request.slots());
        for (int i = 0; i < request.slots(); i++) {
            long id = tail.id(i);
            if (id == PagedTail.HELD) {
                PagedTail.Held h = tail.takeHeld();
                result.add(new PagedIn(h.message(), 0, h.stored()));
            } else {
                Message m = loaded.get(id);
                if (m != null) {
                    result.add(new PagedIn(m, tail.deliveryCount(i), DONE));
                }
                // absent: its enqueue failed (the publisher was told), so there is nothing to deliver
            }
        }
        tail.pop(request.slots());
        return result;
    }

    /** The page-in under way, or null. */
    CompletableFuture<Void> running() {
        return running;
    }

    /** A copy of the tail's slots, for a browser. */
    PagedTail.Snapshot snapshot() {
        return tail.snapshot();
    }

    /** Empties the tail (purge, delete). */
    PagedTail.Cleared clear() {
        return tail.clear();
    }

    /**
     * A future completing after the enqueues of every message now in the tail (for a purge's
     * dequeues).
     */
    CompletableFuture<Void> allEnqueuesDone() {
        Collection<CompletableFuture<Void>> pending = pendingEnqueues.values();
        return pending.isEmpty() ? DONE : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** A page-in in progress: the number of tail slots claimed and the ids to read. */
    record PageIn(int slots, long[] ids, long generation, CompletableFuture<Void> after) {
    }

    /** A message back from the tail, with its delivery count and the future of its enqueue (or null). */
    record PagedIn(Message message, int deliveryCount, CompletableFuture<Void> stored) {
    }
}
