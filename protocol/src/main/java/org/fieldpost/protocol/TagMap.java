package org.fieldpost.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Values keyed by AMQP sequence numbers (delivery tags, publish sequence numbers), which a channel
 * hands out in ascending order and which are mostly settled oldest first: unacknowledged
 * deliveries, unconfirmed publishes.
 *
 * <p>Entries live in two parallel arrays sorted by tag. Adding a tag above every other one appends;
 * removing one leaves a hole that is skipped when it reaches the front and dropped when the arrays
 * are compacted (when the end is reached), so both cost O(1) amortized, with no object per entry.
 * Lookups are binary searches. A tag below the last one (a rolled-back acknowledgement put back) is
 * inserted in place, which costs O(n) but is rare. Nulls are not allowed as values.
 *
 * <p>Concurrency: not thread-safe; each instance belongs to one channel's thread.
 *
 * @param <V> the value type
 */
public final class TagMap<V> {
    private static final int INITIAL_CAPACITY = 16;

    private long[] tags = new long[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    /** Entries occupy [head, tail); a null value is a removed entry. head and tail-1 are never holes. */
    private int head;
    private int tail;
    private int size;

    /** The number of entries. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Sets the value of {@code tag}, adding it if absent.
     *
     * @return the previous value, or null
     * @throws NullPointerException if {@code value} is null
     */
    public V put(long tag, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        if (tail == head || tag > tags[tail - 1]) {
            append(tag, value);
            return null;
        }
        int i = find(tag);
        if (i >= 0) {
            V previous = valueAt(i);
            values[i] = value;
            if (previous == null) {
                size++;
            }
            return previous;
        }
        insert(-i - 1, tag, value);
        return null;
    }

    /** The value of {@code tag}, or null. */
    public V get(long tag) {
        int i = find(tag);
        return i >= 0 ? valueAt(i) : null;
    }

    /** Removes {@code tag}; returns its value, or null if it was absent. */
    public V remove(long tag) {
        int i = find(tag);
        if (i < 0 || values[i] == null) {
            return null;
        }
        V value = valueAt(i);
        values[i] = null;
        size--;
        trim();
        return value;
    }

    /** The lowest tag; only meaningful when not empty. */
    public long firstTag() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        return tags[head];
    }

    /** The value of the lowest tag, or null when empty. */
    public V first() {
        return size == 0 ? null : valueAt(head);
    }

    /**
     * Removes every entry with a tag up to and including {@code tag}, passing their values to
     * {@code removed} in tag order.
     *
     * @return how many entries were removed
     */
    public int removeUpTo(long tag, Consumer<? super V> removed) {
        int count = 0;
        int i = head;
        while (i < tail && tags[i] <= tag) {
            V value = valueAt(i);
            if (value != null) {
                values[i] = null;
                size--;
                count++;
                removed.accept(value);
            }
            i++;
        }
        head = i;
        trim();
        return count;
    }

    /**
     * Removes every entry that {@code test} accepts, visiting them in tag order.
     *
     * @return how many entries were removed
     */
    public int removeIf(EntryTest<? super V> test) {
        int count = 0;
        for (int i = head; i < tail; i++) {
            V value = valueAt(i);
            if (value != null && test.test(tags[i], value)) {
                values[i] = null;
                size--;
                count++;
            }
        }
        trim();
        return count;
    }

    /** A condition on one entry, for {@link #removeIf}. */
    @FunctionalInterface
    public interface EntryTest<V> {
        boolean test(long tag, V value);
    }

    /** The values in tag order. */
    public List<V> values() {
        List<V> all = new ArrayList<>(size);
        for (int i = head; i < tail; i++) {
            V value = valueAt(i);
            if (value != null) {
                all.add(value);
            }
        }
        return all;
    }

    public void clear() {
        Arrays.fill(values, head, tail, null);
        head = 0;
        tail = 0;
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private V valueAt(int i) {
        return (V) values[i];
    }

    /** Binary search over [head, tail), holes included (they keep their tags). */
    private int find(long tag) {
        return Arrays.binarySearch(tags, head, tail, tag);
    }

    private void append(long tag, V value) {
        if (tail == tags.length) {
            compact(size + 1);
        }
        tags[tail] = tag;
        values[tail] = value;
        tail++;
        size++;
    }

    private void insert(int at, long tag, V value) {
        if (tail == tags.length) {
            compact(size + 1);
            at = -find(tag) - 1;
        }
        System.arraycopy(tags, at, tags, at + 1, tail - at);
        System.arraycopy(values, at, values, at + 1, tail - at);
        tags[at] = tag;
        values[at] = value;
        tail++;
        size++;
    }

    /** Moves the entries to the start of arrays with room for {@code needed}, dropping the holes. */
    private void compact(int needed) {
        int capacity = tags.length;
        while (needed > capacity / 2) {
            capacity *= 2;
        }
        long[] newTags = capacity == tags.length ? tags : new long[capacity];
        Object[] newValues = capacity == values.length ? values : new Object[capacity];
        int n = 0;
        for (int i = head; i < tail; i++) {
            if (values[i] != null) {
                newTags[n] = tags[i];
                newValues[n] = values[i];
                n++;
            }
        }
        if (newValues == values) {
            Arrays.fill(values, n, tail, null);
        }
        tags = newTags;
        values = newValues;
        head = 0;
        tail = n;
    }

    /** Moves head and tail past removed entries; empty arrays restart at 0. */
    private void trim() {
        while (head < tail && values[head] == null) {
            head++;
        }
        while (tail > head && values[tail - 1] == null) {
            tail--;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }
}
