package org.fieldpost.jms;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fieldpost.protocol.method.AmqpBasic;

/**
 * The delivery tags of one session's channel that the broker considers unacknowledged
 * ("outstanding": prefetched or consumed), which of them were consumed, i.e. handed to the
 * application, and which of those the session has decided to acknowledge ("settling") but whose
 * acks are not written yet. Acknowledgements are computed from these sets so that an ack never
 * covers a merely prefetched message: a {@code multiple} ack is used only for a prefix of
 * outstanding tags that are all settling; every other settling tag is acked alone.
 *
 * <p>Settling is two steps so that acks coalesce: the application thread {@link #settleConsumed()
 * settles} what it consumed, and the I/O thread later {@link #takeSettlingAcks() takes} everything
 * settled by then in as few acks as possible. A settled tag is already acknowledged as far as the
 * session is concerned: {@link #clear()} and {@link #forget} leave it alone.
 *
 * <p>Concurrency: thread-safe ({@code synchronized}); the I/O thread adds tags and takes acks,
 * application and delivery threads consume and settle them.
 */
final class DeliveryTracker {
    private final NavigableMap<Long, Integer> outstanding = new TreeMap<>(); // tag -> epoch
    private final TreeSet<Long> consumed = new TreeSet<>();
    private final TreeSet<Long> settling = new TreeSet<>();

    /** A delivery arrived (I/O thread). */
    synchronized void received(long tag, int epoch) {
        outstanding.put(tag, epoch);
    }

    /** The application got the delivery. Returns false if the tag is no longer outstanding (requeued). */
    synchronized boolean consumed(long tag) {
        if (!outstanding.containsKey(tag)) {
            return false;
        }
        consumed.add(tag);
        return true;
    }

    /**
     * Forgets a tag settled individually (rejected or acked alone). Returns whether it was outstanding
     * and not already settling, i.e. whether the caller must settle it with the broker.
     */
    synchronized boolean forget(long tag) {
        if (settling.contains(tag)) {
            return false;
        }
        consumed.remove(tag);
        return outstanding.remove(tag) != null;
    }

    synchronized int consumedCount() {
        return consumed.size();
    }

    /** Marks every consumed tag as to be acknowledged; the acks are built by {@link #takeSettlingAcks()}. */
    synchronized void settleConsumed() {
        settling.addAll(consumed);
        consumed.clear();
    }

    /** Takes every settling tag off the books and returns the acks that settle exactly them. */
    synchronized List<AmqpBasic.Ack> takeSettlingAcks() {
        List<AmqpBasic.Ack> acks = new ArrayList<>();
        if (settling.isEmpty()) {
            return acks;
        }
        long prefixEnd = -1;
        int prefixLength = 0;
        for (Long tag : outstanding.keySet()) {
            if (!settling.contains(tag)) {
                break;
            }
            prefixEnd = tag;
            prefixLength++;
        }
        if (prefixLength > 0) {
            acks.add(new AmqpBasic.Ack(prefixEnd, prefixLength > 1));
        }
        for (Long tag : settling) {
            if (tag > prefixEnd) {
                acks.add(new AmqpBasic.Ack(tag, false));
            }
            outstanding.remove(tag);
        }
        settling.clear();
        return acks;
    }

    /** Drops tags that arrived before recovery epoch {@code epoch} (the broker requeued them). */
    synchronized void purgeBefore(int epoch) {
        Iterator<Map.Entry<Long, Integer>> it = outstanding.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Integer> e = it.next();
            if (e.getValue() < epoch && !settling.contains(e.getKey())) {
                consumed.remove(e.getKey());
                it.remove();
            }
        }
    }

    /** Forgets every outstanding tag except those settling, whose acks are still to be written. */
    synchronized void clear() {
        outstanding.keySet().retainAll(settling);
        consumed.clear();
    }
}
