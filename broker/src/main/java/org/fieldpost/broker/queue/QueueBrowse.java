package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.fieldpost.broker.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browse of a queue ({@code x-browse}): copies of the messages ready when it began, in the order
 * the queue would deliver them. First the entries in memory (priority, then arrival order), then the
 * paged tail in arrival order (see {@link QueuePager}), read from the store {@link #BATCH} messages at
 * a time on the pager thread, so a browse never holds more than one batch of paged-out messages and
 * never pages them back into the queue. What was consumed meanwhile is skipped: an entry in memory by
 * its state, a paged-out message because the store no longer holds it.
 *
 * <p>Concurrency: {@link #next()}, {@link #finished()} and {@link #loaded()} are confined to one
 * thread (the browsing channel's event loop); store reads run on the pager thread and hand their
 * result over through a {@link CompletableFuture}. Nothing here takes the queue lock: the snapshot is
 * taken under it when the browse begins ({@link MessageQueue#browse()}).
 */
public final class QueueBrowse {

    /** Paged-out messages read from the store at a time. */
    static final int BATCH = 128;
    private static final Logger LOG = LoggerFactory.getLogger(QueueBrowse.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** A message as a browser receives it: not acquired, with the redelivery it would show. */
    public record Copy(Message message, boolean redelivered, int deliveryCount) {
    }

    private final String queue;
    private final Iterator<QueueEntry> inMemory;
    private final PagedTail.Snapshot tail;
    private final CompletableFuture<Void> tailStored;
    private final QueueContext context;
    private int nextSlot;
    private int nextHeld;
    private Iterator<Copy> batch = Collections.emptyIterator();
    private CompletableFuture<List<Copy>> loading;

    /**
     * @param inMemory the ready entries in memory, in delivery order
     * @param tail the paged tail's slots at the same moment
     * @param tailStored completes when the store enqueues of those slots are done
     */
    QueueBrowse(String queue, List<QueueEntry> inMemory, PagedTail.Snapshot tail, CompletableFuture<Void> tailStored,
                QueueContext context) {
        this.queue = queue;
        this.inMemory = inMemory.iterator();
        this.tail = tail;
        this.tailStored = tailStored;
        this.context = context;
    }

    /**
     * The next copy to send, or null when there is none now: then the browse is either
     * {@link #finished()} or waiting for a store read ({@link #loaded()}). Never blocks.
     */
    public Copy next() {
        while (inMemory.hasNext()) {
            QueueEntry entry = inMemory.next();
            if (entry.state() != QueueEntry.State.REMOVED) {
                return new Copy(entry.message(), entry.redelivered(), entry.deliveryCount());
            }
        }
        while (!batch.hasNext()) {
            if (loading != null) {
                if (!loading.isDone()) {
                    return null;
                }
                batch = loading.join().iterator();
                loading = null;
            } else if (nextSlot < tail.ids().length) {
                loading = loadBatch();
            } else {
                return null;
            }
        }
        return batch.next();
    }

    /** True when every copy has been returned by {@link #next()}. */
    public boolean finished() {
        return !inMemory.hasNext() && !batch.hasNext() && loading == null && nextSlot == tail.ids().length;
    }

    /** Completes when the store read under way (if any) is done; {@link #next()} then has more. */
    public CompletableFuture<Void> loaded() {
        return loading == null ? DONE : loading.thenApply(copies -> null);
    }

    /**
     * Takes the next {@link #BATCH} paged-out slots (and the held messages among them) and starts
     * reading them; a batch with nothing to read completes at once.
     */
    private CompletableFuture<List<Copy>> loadBatch() {
        int from = nextSlot;
        int to = from;
        int paged = 0;
        List<Message> held = new ArrayList<>();
        while (to < tail.ids().length && paged < BATCH) {
            if (tail.ids()[to] == PagedTail.HELD) {
                held.add(tail.held()[nextHeld++].message());
            } else {
                paged++;
            }
            to++;
        }
        nextSlot = to;
        long[] ids = new long[paged];
        for (int i = from, p = 0; i < to; i++) {
            if (tail.ids()[i] != PagedTail.HELD) {
                ids[p++] = tail.ids()[i];
            }
        }
        if (ids.length == 0) {
            return CompletableFuture.completedFuture(copies(from, to, Map.of(), held));
        }
        int first = from;
        int end = to;
        try {
            return CompletableFuture.supplyAsync(() -> copies(first, end, read(ids), held), context.memory().pager())
                .exceptionally(failure -> {
                    LOG.warn("FP-Q004 browsing paged messages of queue '{}' failed; {} skipped", queue, ids.length,
                        failure);
                    return List.of();
                });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(List.of()); // the broker is stopping
        }
    }

    /** Reads on the pager thread, after the enqueues that wrote the messages; what failed is left out. */
    private Map<Long, Message> read(long[] ids) {
        try {
            tailStored.handle((ok, failure) -> null).join();
            return context.store().readMessages(ids);
        } catch (RuntimeException e) {
            LOG.warn("FP-Q004 browsing paged messages of queue '{}' failed; {} skipped", queue, ids.length, e);
            return Map.of();
        }
    }

    private List<Copy> copies(int from, int to, Map<Long, Message> read, List<Message> held) {
        long now = context.clock().getAsLong();
        List<Copy> copies = new ArrayList<>(to - from);
        Iterator<Message> heldInOrder = held.iterator();
        for (int i = from; i < to; i++) {
            long id = tail.ids()[i];
            if (id == PagedTail.HELD) {
                Message m = heldInOrder.next();
                if (isVisible(m, now)) {
                    copies.add(new Copy(m, false, 0));
                }
            } else {
                Message m = read.get(id);
                if (m != null) { // absent: consumed meanwhile (or its enqueue failed)
                    int count = tail.deliveryCounts()[i];
                    copies.add(new Copy(m, count > 0, count));
                }
            }
        }
        return copies;
    }

    private static boolean isVisible(Message m, long now) {
        boolean expired = m.expiresAtMillis() != 0 && m.expiresAtMillis() < now;
        return !expired && m.deliveryTimeMillis() <= now;
    }
}
