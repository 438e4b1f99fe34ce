package org.fieldpost.broker.queue;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.message.Message;

/**
 * The end of a queue that is not in memory: the ids (and delivery counts) of persistent messages
 * kept only in the store, in queue order, 12 bytes each. A message that cannot be paged (a
 * transient one) arriving while the tail is not empty is held here in memory, in its place, so the
 * queue order stays intact when the tail is paged back in.
 *
 * <p>Concurrency: not thread-safe; owned by one {@link QueuePager} under its queue's lock.
 */
final class PagedTail {

    /** Marks a slot whose message is held in memory. */
    static final long HELD = -1;

    private long[] ids = new long[256];
    private int[] counts = new int[256];
    private int head;
    private int size;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long generation;
    /** Slots ever added: the position of the next one; the head's position is this minus the size. */
    private long added;

    /** A message kept in memory in the tail, with the future of its store enqueue (or null). */
    record Held(Message message, CompletableFuture<Void> stored) {
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Changes whenever the head is removed by something other than a page-in (purge, delete). */
    long generation() {
        return generation;
    }

    void addPaged(long messageId, int deliveryCount) {
        add(messageId, deliveryCount);
    }

    void addHeld(Message message, CompletableFuture<Void> stored) {
        held.addLast(new Held(message, stored));
        add(HELD, 0);
    }

    /** The position the next slot added will have (positions only grow). */
    long nextPosition() {
        return added;
    }

    /** The position of the head slot. */
    long headPosition() {
        return added - size;
    }

    private void add(long id, int count) {
        added++;
        if (size == ids.length) {
            grow();
        }
        int at = (head + size) % ids.length;
        ids[at] = id;
        counts[at] = count;
        size++;
    }

    private void grow() {
        long[] newIds = new long[ids.length * 2];
        int[] newCounts = new int[ids.length * 2];
        for (int i = 0; i < size; i++) {
            newIds[i] = ids[(head + i) % ids.length];
            newCounts[i] = counts[(head + i) % ids.length];
        }
        ids = newIds;
        counts = newCounts;
        head = 0;
    }

    /** The id of slot {@code i} from the head ({@link #HELD} for a held message). */
    long id(int i) {
        return ids[(head + i) % ids.length];
    }

    int deliveryCount(int i) {
        return counts[(head + i) % ids.length];
    }

    /** Removes the first held message (the caller met its slot while walking from the head). */
    Held takeHeld() {
        return held.pollFirst();
    }

    /** Removes the first {@code n} slots; held messages among them must have been taken. */
    void pop(int n) {
        head = (head + n) % ids.length;
        size -= n;
        if (size == 0) {
            head = 0;
            if (ids.length > 4096) {
                ids = new long[256];
                counts = new int[256];
            }
        }
    }

    /** Empties the tail, returning the paged ids and the held messages it had. */
    Cleared clear() {
        long[] paged = new long[size - held.size()];
        int p = 0;
        for (int i = 0; i < size; i++) {
            if (id(i) != HELD) {
                paged[p++] = id(i);
            }
        }
        Cleared cleared = new Cleared(paged, held.toArray(Held[]::new));
        held.clear();
        pop(size);
        generation++;
        return cleared;
    }

    /** A copy of the slots from the head, with the held messages in slot order (for a browser). */
    Snapshot snapshot() {
        long[] slotIds = new long[size];
        int[] slotCounts = new int[size];
        for (int i = 0; i < size; i++) {
            slotIds[i] = id(i);
            slotCounts[i] = deliveryCount(i);
        }
        return new Snapshot(slotIds, slotCounts, held.toArray(Held[]::new));
    }

    /** The slots at one moment: ids ({@link #HELD} for held ones), delivery counts, held messages. */
    record Snapshot(long[] ids, int[] deliveryCounts, Held[] held) {
    }

    /** What {@link #clear()} removed. */
    record Cleared(long[] pagedIds, Held[] held) {
        int count() {
            return pagedIds.length + held.length;
        }
    }
}
