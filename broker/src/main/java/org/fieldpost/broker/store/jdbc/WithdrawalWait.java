package org.fieldpost.broker.store.jdbc;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Lets the writer wait briefly, before a commit, for persistent messages that are already out to
 * consumers to be acknowledged. An enqueue acknowledged before it is written is withdrawn and never
 * written (nor is its removal): when consumers keep up, a persistent message then costs the store
 * nothing, and its publisher confirm waits for the acknowledgement instead of a forced log write.
 *
 * <p>The writer waits only when every transaction someone waits on is nothing but enqueues out
 * for delivery; a message nobody is consuming is written at once. The wait ends when all of them
 * are withdrawn, when work arrives that is not only deliveries, or at a limit that follows how long acknowledgements
 * have recently taken (twice the typical wait, at most {@link #MAX_NANOS}). A wait that reaches
 * its limit (consumers that are slow, or that prefetch far ahead) makes the next waits rarer:
 * after a miss the writer skips 1, 2, 4 … up to {@value #MAX_SKIP} eligible commits before it
 * tries again, so slow consumers cost their producers almost nothing.
 *
 * <p>Concurrency: {@link #wake} may be called from any thread; everything else runs on the writer
 * thread only.
 */
final class WithdrawalWait {

    /** The longest a commit waits for acknowledgements. */
    static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int MAX_SKIP = 4096;

    private volatile Thread waiter;
    /** A fixed limit instead of the adaptive one (tests); 0 turns waiting off, -1 adapts. */
    private volatile long fixedNanos = -1;
    private long typicalNanos = MAX_NANOS / 4; // writer thread only
    private int skip; // writer thread only
    private int skipped; // writer thread only
    private long waits; // writer thread only
    private volatile long withdrawnWaits;

    /** Wakes the writer if it is waiting (a withdrawal, or new work); cheap when it is not. */
    void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Fixes the limit of a wait (tests make it long to observe it), or turns waiting off with 0. */
    void fixLimit(long nanos) {
        this.fixedNanos = nanos;
    }

    /** True while the writer is waiting for acknowledgements (tests). */
    boolean isWaiting() {
        return waiter != null;
    }

    /** Waits that ended with every enqueue withdrawn (statistics and tests). */
    long withdrawnWaits() {
        return withdrawnWaits;
    }

    /**
     * Waits, if it may pay, until every enqueue in {@code items} out for delivery is withdrawn.
     *
     * @param items the work about to be committed
     * @param takeMore moves work that arrived meanwhile into {@code items} (within the batch
     *     bounds); true when it took any. Work that is not only deliveries ends the wait.
     */
    void await(List<Object> items, BooleanSupplier takeMore) {
        long fixed = fixedNanos;
        if (fixed == 0 || !eligible(items)) {
            return;
        }
        if (skipped < skip) {
            skipped++;
            return;
        }
        skipped = 0;
        long start = System.nanoTime();
        long deadline = start + (fixed > 0 ? fixed : Math.min(MAX_NANOS, Math.max(MIN_NANOS, 2 * typicalNanos)));
        waiter = Thread.currentThread();
        try {
            while (!allWithdrawn(items)) {
                if (takeMore.getAsBoolean() && !eligible(items)) {
                    return; // work someone waits on that no acknowledgement can save: write now
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    skip = Math.min(MAX_SKIP, Math.max(1, 2 * skip));
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
        typicalNanos += (System.nanoTime() - start - typicalNanos) / 8;
        skip = 0;
        waits++;
        withdrawnWaits = waits;
    }

    /**
     * Only enqueues in the transactions someone waits on, at least one of them out for delivery and
     * none that nobody is consuming; no task or stop among the items.
     */
    private static boolean eligible(List<Object> items) {
        boolean delivering = false;
        for (Object item : items) {
            if (!(item instanceof GroupCommitWriter.TxWork w)) {
                return false;
            }
            if (w.deferrable()) {
                continue;
            }
            for (StoreOp op : w.ops()) {
                if (op.kind() != StoreOp.Kind.ENQUEUE) {
                    return false;
                }
                if (op.claim().isDelivering()) {
                    delivering = true;
                } else if (!op.claim().isWithdrawn()) {
                    return false;
                }
            }
        }
        return delivering;
    }

    private static boolean allWithdrawn(List<Object> items) {
        for (Object item : items) {
            if (item instanceof GroupCommitWriter.TxWork w && !w.deferrable()) {
                for (StoreOp op : w.ops()) {
                    if (op.claim().isDelivering()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
