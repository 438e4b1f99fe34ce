package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Entries whose delivery time ({@code x-delivery-time}, JMS delivery delay) has not come yet. They
 * are invisible to consumers, {@code basic.get} and browsers until then, and then join the
 * available entries at the position their sequence gives them.
 *
 * <p>Concurrency: not thread-safe; owned by one {@link MessageQueue} and used under its lock.
 */
final class DelayedEntries {
    private final PriorityQueue<QueueEntry> entries = new PriorityQueue<>(
        Comparator.comparingLong((QueueEntry e) -> e.message().deliveryTimeMillis())
            .thenComparingLong(QueueEntry::key));

    void add(QueueEntry entry) {
        entries.add(entry);
    }

    /** Removes and returns the entries due at {@code now}, earliest first. */
    List<QueueEntry> pollDue(long now) {
        List<QueueEntry> due = new ArrayList<>();
        while (!entries.isEmpty() && entries.peek().message().deliveryTimeMillis() <= now) {
            due.add(entries.poll());
        }
        return due;
    }

    /** The delivery time of the earliest entry, or {@link Long#MAX_VALUE} when there is none. */
    long nextDueMillis() {
        QueueEntry head = entries.peek();
        return head == null ? Long.MAX_VALUE : head.message().deliveryTimeMillis();
    }

    int size() {
        return entries.size();
    }

    /** Removes and returns everything. */
    List<QueueEntry> clear() {
        List<QueueEntry> all = new ArrayList<>(entries);
        entries.clear();
        return all;
    }
}
