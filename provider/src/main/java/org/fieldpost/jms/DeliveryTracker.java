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
 * ("outstanding": prefetched or consumed), and which of them were consumed, i.e. handed to the
 * application. Acknowledgements are computed from both so that an ack never covers a merely
 * prefetched message: a {@code multiple} ack is used only for a prefix of outstanding tags that are
 * all consumed; every other consumed tag is acked alone.
 *
 * <p>Concurrency: thread-safe ({@code synchronized}); the I/O thread adds tags, application and
 * delivery threads consume and acknowledge them.
 */
final class DeliveryTracker {
    private final NavigableMap<Long, Integer> outstanding = new TreeMap<>(); // tag -> epoch
    private final TreeSet<Long> consumed = new TreeSet<>();

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

    /** Forgets a tag settled individually (rejected or acked alone). Returns whether it was outstanding. */
    synchronized boolean forget(long tag) {
        consumed.remove(tag);
        return outstanding.remove(tag) != null;
    }

    synchronized boolean hasConsumed() {
        return !consumed.isEmpty();
    }

    synchronized int consumedCount() {
        return consumed.size();
    }

    /** Takes every consumed tag off the books and returns the acks that settle exactly them. */
    synchronized List<AmqpBasic.Ack> takeConsumedAcks() {
        List<AmqpBasic.Ack> acks = new ArrayList<>();
        if (consumed.isEmpty()) {
            return acks;
        }
        long prefixEnd = -1;
        int prefixLength = 0;
        for (Long tag : outstanding.keySet()) {
            if (!consumed.contains(tag)) {
                break;
            }
            prefixEnd = tag;
            prefixLength++;
        }
        if (prefixLength > 0) {
            acks.add(new AmqpBasic.Ack(prefixEnd, prefixLength > 1));
        }
        for (Long tag : consumed) {
            if (tag > prefixEnd) {
                acks.add(new AmqpBasic.Ack(tag, false));
            }
        }
        for (Long tag : consumed) {
            outstanding.remove(tag);
        }
        consumed.clear();
        return acks;
    }

    /** Drops tags that arrived before recovery epoch {@code epoch} (the broker requeued them). */
    synchronized void purgeBefore(int epoch) {
        Iterator<Map.Entry<Long, Integer>> it = outstanding.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Integer> e = it.next();
            if (e.getValue() < epoch) {
                consumed.remove(e.getKey());
                it.remove();
            }
        }
    }

    synchronized void clear() {
        outstanding.clear();
        consumed.clear();
    }
}
