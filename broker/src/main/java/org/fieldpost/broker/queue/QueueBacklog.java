package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;

/**
 * What a queue holds that no consumer has: the ready entries (priority, then arrival order), the
 * entries held back until their delivery time, and the paged tail (persistent messages kept in the
 * store only, see {@link QueuePager}). It also makes the queue's entries: sequence number, effective
 * priority and expiry.
 *
 * <p>Concurrency: not thread-safe; owned by one {@link MessageQueue} and used under its lock.
 */
final class QueueBacklog {

    private final MessageQueue queue;
    private final QueueArguments settings;
    private final QueueContext context;
    private final QueueEntries available;
    private final DelayedEntries delayed = new DelayedEntries();
    private final QueuePager pager;
    private long nextSequence;
    /** When the wake-up timer fires next; {@link Long#MAX_VALUE} when none is scheduled. */
    private long wakeAtMillis = Long.MAX_VALUE;

    QueueBacklog(MessageQueue queue, QueueArguments settings, QueueContext context) {
        this.queue = queue;
        this.settings = settings;
        this.context = context;
        this.available = new QueueEntries(context.memory());
        this.pager = new QueuePager(queue.name(), settings, context);
    }

    /** The ready entries, in delivery order. */
    QueueEntries available() {
        return available;
    }

    QueuePager pager() {
        return pager;
    }

    /** A new entry for {@code message}, next in arrival order. */
    QueueEntry newEntry(Message message, long now, CompletableFuture<Void> stored) {
        return new QueueEntry(queue, message, nextSequence++, Math.min(message.priority(), settings.maxPriority()),
            expiryOf(message, now), stored);
    }

    private long expiryOf(Message message, long now) {
        long expiry = message.expiresAtMillis() == 0 ? QueueEntry.NEVER : message.expiresAtMillis();
        if (settings.messageTtl() != null) {
            long ttl = settings.messageTtl();
            expiry = Math.min(expiry, now > Long.MAX_VALUE - ttl ? QueueEntry.NEVER : now + ttl);
        }
        return expiry;
    }

    /** True when {@code x-max-length} or {@code x-max-length-bytes} leaves no room for {@code message}. */
    boolean isFullFor(Message message) {
        return (settings.maxLength() != null && available.size() >= settings.maxLength())
            || (settings.maxLengthBytes() != null
                && available.bytes() + message.bodySize() > settings.maxLengthBytes());
    }

    /** Removes and returns the oldest ready entry while the queue is over its length limits, else null. */
    QueueEntry pollOverLimit() {
        Long maxLength = settings.maxLength();
        Long maxBytes = settings.maxLengthBytes();
        boolean over = (maxLength != null && available.size() > maxLength)
            || (maxBytes != null && available.bytes() > maxBytes);
        return over ? available.pollFirst() : null;
    }

    /**
     * Puts a new entry where it belongs: held back until its delivery time, or ready. Returns true
     * when it is ready.
     */
    boolean place(QueueEntry entry, long now) {
        if (entry.message().deliveryTimeMillis() > now) {
            delayed.add(entry);
            scheduleWakeUp();
            return false;
        }
        available.add(entry);
        return true;
    }

    /** A message read back from the store at start-up: into the paged tail when memory is short. */
    void recover(Message message, int deliveryCount, long now) {
        if (pager.takeRecovered(message, deliveryCount)) {
            return;
        }
        QueueEntry entry = newEntry(message, now, CompletableFuture.completedFuture(null));
        entry.restoreDeliveryCount(deliveryCount);
        place(entry, now);
    }

    /**
     * Messages back from the paged tail join the ready entries, except those whose delivery time
     * has not come (transient or delayed messages held in the tail to keep arrival order): they are
     * held back like any delayed message. Returns whether there were any.
     */
    boolean addPagedIn(List<QueuePager.PagedIn> back, long now) {
        for (QueuePager.PagedIn p : back) {
            QueueEntry entry = newEntry(p.message(), now, p.stored());
            entry.restoreDeliveryCount(p.deliveryCount());
            place(entry, now);
        }
        return !back.isEmpty();
    }

    /** Makes the held-back entries whose delivery time has come ready; returns them. */
    List<QueueEntry> releaseDue(long now) {
        wakeAtMillis = Long.MAX_VALUE;
        List<QueueEntry> due = delayed.pollDue(now);
        for (QueueEntry e : due) {
            available.add(e);
        }
        scheduleWakeUp();
        return due;
    }

    private void scheduleWakeUp() {
        long next = delayed.nextDueMillis();
        if (next == Long.MAX_VALUE || next >= wakeAtMillis || context.timer() == null) {
            return;
        }
        wakeAtMillis = next;
        context.timer().schedule(queue::releaseDue, next - context.clock().getAsLong());
    }

    /** True when a page-in should start: a tail exists and few entries are ready. */
    boolean wantsPageIn() {
        return pager.wantsPageIn(available.size());
    }

    /** Ready and delayed entries removed, and the paged tail emptied (purge, delete). */
    Cleared clear() {
        List<QueueEntry> entries = available.clear();
        entries.addAll(delayed.clear());
        return new Cleared(entries, pager.clear());
    }

    /** The ready entries, paged-out ones included; delayed ones are not counted. */
    int readyCount() {
        return available.size() + pager.size();
    }

    int delayedCount() {
        return delayed.size();
    }

    boolean isEmpty() {
        return readyCount() == 0 && delayed.size() == 0;
    }

    /**
     * A browse of the ready entries: those held in memory, in delivery order, without expired ones,
     * then the paged tail, which the browse reads from the store as it goes.
     */
    QueueBrowse browse(long now) {
        List<QueueEntry> snapshot = new ArrayList<>(available.size());
        for (QueueEntry e : available) {
            if (!e.isExpired(now)) {
                snapshot.add(e);
            }
        }
        return new QueueBrowse(queue.name(), snapshot, pager.snapshot(), pager.allEnqueuesDone(), context);
    }

    /** What {@link #clear} removed. */
    record Cleared(List<QueueEntry> entries, PagedTail.Cleared paged) {
        int count() {
            return entries.size() + paged.count();
        }
    }
}
