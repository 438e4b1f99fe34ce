package org.fieldpost.bench.jms;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks that every id in {@code 0..expected-1} arrives exactly once: a count per id catches
 * duplicates, the distinct count catches loss, and a checksum over every arrival (a mixed hash of
 * each id, summed) must equal the checksum of the expected ids.
 *
 * <p>Concurrency: thread-safe and lock-free; any number of consumers may {@link #record} at once.
 */
public final class ExactlyOnceChecker {
    private final int expected;
    private final AtomicIntegerArray arrivals;
    private final AtomicInteger distinct = new AtomicInteger();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfRange = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder checksum = new LongAdder();
    private final AtomicLong completedAtNanos = new AtomicLong();

    public ExactlyOnceChecker(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected " + expected);
        }
        this.expected = expected;
        this.arrivals = new AtomicIntegerArray(expected);
    }

    /**
     * Counts one arrival of {@code id}.
     *
     * @return true for the arrival that completes the set (exactly one caller sees true)
     */
    public boolean record(long id) {
        received.increment();
        checksum.add(mix(id));
        if (id < 0 || id >= expected) {
            outOfRange.increment();
            return false;
        }
        if (arrivals.getAndIncrement((int) id) > 0) {
            duplicates.increment();
            return false;
        }
        if (distinct.incrementAndGet() == expected) {
            completedAtNanos.set(System.nanoTime());
            return true;
        }
        return false;
    }

    /** Counts a message whose body or properties were not what was sent. */
    public void recordCorrupt() {
        corrupt.increment();
    }

    /** True once every expected id has arrived at least once. */
    public boolean isComplete() {
        return distinct.get() == expected;
    }

    /** {@link System#nanoTime()} of the completing arrival, or 0 while incomplete. */
    public long completedAtNanos() {
        return completedAtNanos.get();
    }

    public int expected() {
        return expected;
    }

    /** The outcome so far; call after the consumers have stopped for a final answer. */
    public Verdict verdict() {
        long expectedSum = 0;
        for (long id = 0; id < expected; id++) {
            expectedSum += mix(id);
        }
        int seen = distinct.get();
        return new Verdict(expected, received.sum(), seen, duplicates.sum(), expected - seen, outOfRange.sum(),
            corrupt.sum(), checksum.sum() == expectedSum);
    }

    /** SplitMix64's finaliser: spreads ids so that a lost id and a duplicate cannot cancel out. */
    static long mix(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * What arrived compared with what was expected.
     *
     * @param expected ids sent
     * @param received arrivals, duplicates included
     * @param distinct different expected ids that arrived
     * @param duplicates arrivals of an id already seen
     * @param missing expected ids that never arrived
     * @param outOfRange arrivals of an id that was never sent
     * @param corrupt arrivals whose body or properties were wrong
     * @param checksumMatches whether the checksum over arrivals equals that of the expected ids
     */
    public record Verdict(long expected, long received, long distinct, long duplicates, long missing,
        long outOfRange, long corrupt, boolean checksumMatches) {

        /** Exactly once: every id once, nothing else. */
        public boolean valid() {
            return received == expected && missing == 0 && duplicates == 0 && outOfRange == 0 && corrupt == 0
                && checksumMatches;
        }

        /** A short description for the report, such as {@code "3 missing, 1 duplicate"}. */
        public String describe() {
            if (valid()) {
                return "exactly once";
            }
            StringBuilder text = new StringBuilder();
            append(text, missing, "missing");
            append(text, duplicates, "duplicate");
            append(text, outOfRange, "unexpected id");
            append(text, corrupt, "corrupt");
            if (!checksumMatches) {
                append(text, 1, "checksum mismatch");
            }
            return text + " (" + received + " of " + expected + " received)";
        }

        private static void append(StringBuilder text, long count, String what) {
            if (count > 0) {
                text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(what);
            }
        }
    }
}
