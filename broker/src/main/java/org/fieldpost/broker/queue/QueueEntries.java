package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The available entries of one queue in delivery order: higher priority first, then by sequence.
 * A requeued entry goes back under its original key, hence to its original position. Also keeps the
 * message and byte counters that {@code x-max-length(-bytes)} need.
 *
 * <p>Concurrency: not thread-safe; owned by one {@link MessageQueue} and used under its lock.
 */
final class QueueEntries implements Iterable<QueueEntry> {

    private final TreeMap<Long, QueueEntry> entries = new TreeMap<>();
    private final QueueMemory memory;
    private long bytes;

    QueueEntries() {
        this(QueueMemory.unlimited());
    }

    /** Entries whose memory is accounted in {@code memory} while they are here. */
    QueueEntries(QueueMemory memory) {
        this.memory = memory;
    }

    void add(QueueEntry e) {
        if (entries.put(e.key(), e) == null) {
            bytes += e.message().bodySize();
            memory.add(e.message().bodySize());
        }
    }

    boolean remove(QueueEntry e) {
        if (entries.remove(e.key(), e)) {
            bytes -= e.message().bodySize();
            memory.subtract(e.message().bodySize());
            return true;
        }
        return false;
    }

    /** The head, or null. */
    QueueEntry first() {
        Map.Entry<Long, QueueEntry> e = entries.firstEntry();
        return e == null ? null : e.getValue();
    }

    /** Removes and returns the head, or null. */
    QueueEntry pollFirst() {
        QueueEntry e = first();
        if (e != null) {
            remove(e);
        }
        return e;
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Removes and returns everything. */
    List<QueueEntry> clear() {
        List<QueueEntry> all = new ArrayList<>(entries.values());
        entries.clear();
        bytes = 0;
        for (QueueEntry e : all) {
            memory.subtract(e.message().bodySize());
        }
        return all;
    }

    /**
     * Removes the expired entries at the head of each priority level (stopping at the first live
     * one of a level, like RabbitMQ, so a sweep costs what it removes plus one per level).
     */
    List<QueueEntry> removeExpiredHeads(long now) {
        List<QueueEntry> expired = new ArrayList<>();
        Map.Entry<Long, QueueEntry> e = entries.firstEntry();
        while (e != null) {
            QueueEntry entry = e.getValue();
            if (entry.isExpired(now)) {
                remove(entry);
                expired.add(entry);
                e = entries.higherEntry(e.getKey());
            } else {
                int level = QueueEntry.priorityOfKey(e.getKey());
                e = level == 0 ? null : entries.ceilingEntry(QueueEntry.orderKey(level - 1, 0));
            }
        }
        return expired;
    }

    /** Iterates in delivery order; {@code remove()} keeps the counters right. */
    @Override
    public Iterator<QueueEntry> iterator() {
        Iterator<QueueEntry> it = entries.values().iterator();
        return new Iterator<>() {
            private QueueEntry last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public QueueEntry next() {
                last = it.next();
                return last;
            }

            @Override
            public void remove() {
                it.remove();
                bytes -= last.message().bodySize();
                memory.subtract(last.message().bodySize());
            }
        };
    }
}
