package org.fieldpost.jms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fieldpost.protocol.TagMap;
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
 * <p>Every delivery passes through here, so the books cost no object per delivery: outstanding tags
 * in a {@link TagMap} (they arrive in ascending order and mostly leave oldest first) marked with
 * their stage and recovery epoch, the consumed and settling ones also in two arrays of tags.
 *
 * <p>Concurrency: thread-safe ({@code synchronized}); the I/O thread adds tags and takes acks,
 * application and delivery threads consume and settle them.
 */
final class DeliveryTracker {
    private enum Stage { PREFETCHED, CONSUMED, SETTLING }

    /** A stage in a recovery epoch; shared per stage for the latest epoch, so marking allocates nothing. */
    private record Mark(int epoch, Stage stage) {
    }

    private final TagMap<Mark> outstanding = new TagMap<>();
    /** Consumed and not yet settling, in consumption order. */
    private final Tags consumed = new Tags();
    /** Settling, acks not yet taken, in settlement order. */
    private final Tags settling = new Tags();
    private Mark[] marks = marksOf(0);

    /** A delivery arrived (I/O thread). */
    synchronized void received(long tag, int epoch) {
        outstanding.put(tag, mark(epoch, Stage.PREFETCHED));
    }

    /** The application got the delivery. Returns false if the tag is no longer outstanding (requeued). */
    synchronized boolean consumed(long tag) {
        Mark mark = outstanding.get(tag);
        if (mark == null) {
            return false;
        }
        if (mark.stage() == Stage.PREFETCHED) {
            outstanding.put(tag, mark(mark.epoch(), Stage.CONSUMED));
            consumed.add(tag);
        }
        return true;
    }

    /**
     * Forgets a tag settled individually (rejected or acked alone). Returns whether it was outstanding
     * and not already settling, i.e. whether the caller must settle it with the broker.
     */
    synchronized boolean forget(long tag) {
        Mark mark = outstanding.get(tag);
        if (mark == null || mark.stage() == Stage.SETTLING) {
            return false;
        }
        if (mark.stage() == Stage.CONSUMED) {
            consumed.remove(tag);
        }
        outstanding.remove(tag);
        return true;
    }

    synchronized int consumedCount() {
        return consumed.size();
    }

    /** Marks every consumed tag as to be acknowledged; the acks are built by {@link #takeSettlingAcks()}. */
    synchronized void settleConsumed() {
        for (int i = 0; i < consumed.size(); i++) {
            long tag = consumed.get(i);
            Mark mark = outstanding.get(tag);
            if (mark != null) {
                outstanding.put(tag, mark(mark.epoch(), Stage.SETTLING));
                settling.add(tag);
            }
        }
        consumed.clear();
    }

    /** Takes every settling tag off the books and returns the acks that settle exactly them. */
    synchronized List<AmqpBasic.Ack> takeSettlingAcks() {
        List<AmqpBasic.Ack> acks = new ArrayList<>();
        if (settling.size() == 0) {
            return acks;
        }
        long prefixEnd = -1;
        int prefixLength = 0;
        while (!outstanding.isEmpty() && outstanding.first().stage() == Stage.SETTLING) {
            prefixEnd = outstanding.firstTag();
            outstanding.remove(prefixEnd);
            prefixLength++;
        }
        if (prefixLength > 0) {
            acks.add(new AmqpBasic.Ack(prefixEnd, prefixLength > 1));
        }
        settling.sort();
        for (int i = 0; i < settling.size(); i++) {
            long tag = settling.get(i);
            if (tag > prefixEnd) {
                acks.add(new AmqpBasic.Ack(tag, false));
                outstanding.remove(tag);
            }
        }
        settling.clear();
        return acks;
    }

    /** Drops tags that arrived before recovery epoch {@code epoch} (the broker requeued them). */
    synchronized void purgeBefore(int epoch) {
        outstanding.removeIf((tag, mark) -> mark.epoch() < epoch && mark.stage() != Stage.SETTLING);
        consumed.retainOutstanding(outstanding);
    }

    /** Forgets every outstanding tag except those settling, whose acks are still to be written. */
    synchronized void clear() {
        outstanding.removeIf((tag, mark) -> mark.stage() != Stage.SETTLING);
        consumed.clear();
    }

    private Mark mark(int epoch, Stage stage) {
        if (marks[0].epoch() != epoch) {
            marks = marksOf(epoch);
        }
        return marks[stage.ordinal()];
    }

    private static Mark[] marksOf(int epoch) {
        Stage[] stages = Stage.values();
        Mark[] all = new Mark[stages.length];
        for (Stage stage : stages) {
            all[stage.ordinal()] = new Mark(epoch, stage);
        }
        return all;
    }

    /** A growable list of tags. */
    private static final class Tags {
        private long[] tags = new long[16];
        private int size;

        int size() {
            return size;
        }

        long get(int i) {
            return tags[i];
        }

        void add(long tag) {
            if (size == tags.length) {
                tags = Arrays.copyOf(tags, size * 2);
            }
            tags[size++] = tag;
        }

        void remove(long tag) {
            for (int i = 0; i < size; i++) {
                if (tags[i] == tag) {
                    System.arraycopy(tags, i + 1, tags, i, size - i - 1);
                    size--;
                    return;
                }
            }
        }

        void retainOutstanding(TagMap<?> outstanding) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (outstanding.get(tags[i]) != null) {
                    tags[kept++] = tags[i];
                }
            }
            size = kept;
        }

        void sort() {
            Arrays.sort(tags, 0, size);
        }

        void clear() {
            size = 0;
        }
    }
}
