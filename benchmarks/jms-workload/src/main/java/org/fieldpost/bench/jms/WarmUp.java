package org.fieldpost.bench.jms;

import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The unmeasured passes a worker runs before its measured one: at least one pass of a fixed number
 * of messages, repeated until a minimum time has gone by since the first began. A count alone
 * gives a fast broker a shorter warm-up than a slow one (20,000 transacted messages in batches of
 * 100 took Fieldpost about a second here, ActiveMQ with JDBC five to eight); a minimum time gives
 * every provider the same time to compile its hot paths, which is how JMH warms up.
 *
 * <p>Each pass runs on its own destination, so that nothing one pass leaves behind can reach the
 * next one's exactly-once check. The first invalid pass ends the warm-up and makes the worker's
 * run invalid.
 *
 * <p>Concurrency: one thread; the passes run one after the other.
 */
final class WarmUp {

    /** The prefix of the line that describes the warm-up. */
    static final String LINE_PREFIX = "WARMUP\t";

    private final int messagesPerPass;
    private final long minNanos;
    private final LongSupplier clock;

    /**
     * @param messagesPerPass messages of each pass; 0 for no warm-up at all
     * @param minSeconds the least time from the first pass's start to the last pass's end; 0 for one pass
     * @param clock {@link System#nanoTime} but in tests
     */
    WarmUp(int messagesPerPass, double minSeconds, LongSupplier clock) {
        if (messagesPerPass < 0 || minSeconds < 0 || Double.isNaN(minSeconds)) {
            throw new IllegalArgumentException("warm-up of " + messagesPerPass + " messages, " + minSeconds + " s");
        }
        this.messagesPerPass = messagesPerPass;
        this.minNanos = (long) (minSeconds * 1e9);
        this.clock = clock;
    }

    /**
     * Runs the passes; {@code pass} runs pass number {@code n} (from 1) on a destination of its own.
     *
     * @return what ran; its problem is the first invalid pass's, or null
     */
    Outcome run(IntFunction<WorkloadResult> pass) {
        if (messagesPerPass == 0) {
            return new Outcome(0, 0, 0, null);
        }
        long start = clock.getAsLong();
        int passes = 0;
        long elapsed;
        do {
            passes++;
            WorkloadResult result = pass.apply(passes);
            elapsed = clock.getAsLong() - start;
            if (!result.valid()) {
                return new Outcome(passes, (long) passes * messagesPerPass, elapsed / 1e9,
                    "warm-up pass " + passes + ": " + result.problem());
            }
        } while (elapsed < minNanos);
        return new Outcome(passes, (long) passes * messagesPerPass, elapsed / 1e9, null);
    }

    /** The destination of pass {@code n} of a workload's warm-up. */
    static String destination(String workload, int pass) {
        return "bench.warmup." + workload + "." + pass;
    }

    /**
     * What a warm-up ran.
     *
     * @param passes passes run, the invalid one included
     * @param messages messages those passes were to carry
     * @param seconds from the first pass's start to the last one's end
     * @param problem why the warm-up failed, or null
     */
    record Outcome(int passes, long messages, double seconds, String problem) {

        boolean valid() {
            return problem == null;
        }

        /** The log line: {@code WARMUP passes=N messages=M seconds=S}. */
        String toLine() {
            return LINE_PREFIX + String.format(Locale.ROOT, "passes=%d\tmessages=%d\tseconds=%.1f", passes,
                messages, seconds);
        }
    }
}
