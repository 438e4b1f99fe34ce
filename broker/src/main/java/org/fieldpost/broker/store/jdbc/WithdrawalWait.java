package org.fieldpost.broker.store.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lets the writer wait briefly, before a commit, for persistent messages that are already out to
 * consumers to be acknowledged. An enqueue acknowledged before it is written is withdrawn and never
 * written (nor is its removal): when consumers keep up, a persistent message then costs the store
 * nothing, and its publisher confirm waits for the acknowledgement instead of a forced log write.
 *
 * <p>The writer waits for the transactions someone waits on that are nothing but enqueues out for
 * delivery; a message nobody is consuming is written at once. Work that no acknowledgement can
 * save is committed ahead of the wait when it touches nothing the wait is for (typically a
 * consumer's commit for messages written earlier, arriving beside a producer's new transaction);
 * otherwise it ends the wait. The wait ends when acknowledgements have withdrawn the awaited
 * enqueues (a consumer's transaction of nothing but such acknowledgements withdraws them all at its
 * commit, see {@link JdbcTransaction}; one that must be written ends the wait and its commit cancels
 * them), when other work must be committed with them, or at a
 * limit that follows how long acknowledgements have recently taken (twice a recent peak that rises
 * at once and decays slowly, at most {@link #MAX_NANOS}): waits vary several-fold, so a limit near
 * their mean would cut short the slower half. A wait that reaches its limit with no
 * acknowledgement at all (consumers that are slow, or that prefetch far ahead) makes the next waits
 * rarer and longest: the writer then skips 1, 2, 4 … up to {@value #MAX_SKIP} eligible commits
 * before it tries again, so slow consumers cost their producers almost nothing. Skipping stops when
 * a consumer's transaction reaches the writer together with the producer's transaction it
 * acknowledges: consumers keep up again (a cold start, a pause), and waiting pays again.
 *
 * <p>Acknowledgements do not wake the writer. The acknowledgement that withdraws the last enqueue
 * of a transaction completes it on its own thread ({@link WithdrawnCompletion}): nothing of it is
 * written, so the order of commits does not concern it, and its publisher hears at once. The writer
 * sleeps on until the limit and then drops what was completed meanwhile; how long those
 * acknowledgements took, from the completion times, feeds the limit. New work that is only
 * enqueues out for delivery does not wake it either: it takes such work when it next wakes, and
 * gives it a wait of its own; nor does deferrable work. What wakes it is work someone waits on
 * that an acknowledgement cannot settle, and a stop. While consumers keep up, the writer thus wakes
 * about once per limit instead of twice per message, and each wake-up was a thread switch on both
 * sides.
 *
 * <p>Concurrency: {@link #wake} may be called from any thread; everything else runs on the writer
 * thread only.
 */
final class WithdrawalWait {

    /**
     * The longest a commit waits for acknowledgements: long enough for a consumer to take a batch
     * of a hundred messages and commit its transaction, also in a JVM that is still compiling on a
     * slow two-core machine (there a whole cycle of 100 transacted sends, their receipt and both
     * commits took 5 to 11 ms, of which the wait is the consumer's part; with a 4 ms limit most
     * waits were cut short and their batches written and deleted: 5,200 to 6,300 msg/s against
     * 9,000 to 9,900 with 20 ms). The adaptive limit stays near twice what acknowledgements take, so a fast
     * consumer never sees this; a slow one pays it on a miss, then its waits are skipped.
     */
    static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int MAX_SKIP = 4096;

    private volatile Thread waiter;
    /** A fixed limit instead of the adaptive one (tests); 0 turns waiting off, -1 adapts. */
    private volatile long fixedNanos = -1;
    /** How long successful waits took lately: follows a longer one at once, a shorter one slowly. */
    private long recentNanos = MAX_NANOS / 4; // writer thread only
    private int skip; // writer thread only
    private int skipped; // writer thread only
    private volatile long withdrawnWaits; // written by the writer thread only
    private volatile long partlyWithdrawnWaits; // written by the writer thread only
    private volatile long missedWaits; // written by the writer thread only
    private volatile long dequeuedWaits; // written by the writer thread only
    private volatile long writtenAhead; // transactions committed ahead of a wait; written by the writer thread only
    private volatile long unwritten; // transactions released unwritten; written by the writer thread only
    private volatile int awaited;
    /** When the last transaction released in the current wait was completed; writer thread only. */
    private long lastSettledNanos;
    private final LongAdder wakeUps = new LongAdder();

    /** Wakes the writer if it is waiting (new work it must see, or a stop); cheap when it is not. */
    void wake() {
        Thread t = waiter;
        if (t != null) {
            wakeUps.increment();
            LockSupport.unpark(t);
        }
    }

    /**
     * Whether a waiting writer must be woken for this new work: not when the work is only enqueues
     * out for delivery (or withdrawn already), which an acknowledgement may settle without the
     * writer, nor when it is deferrable (it may wait longer than any wait lasts); the writer takes
     * it when it next wakes, at the latest at the end of its wait.
     */
    static boolean wakesTheWriter(GroupCommitWriter.TxWork w) {
        return !w.deferrable() && stateOf(w) == State.MUST_WRITE;
    }

    /** How often the writer was woken in a wait (tests). */
    long wakeUps() {
        return wakeUps.sum();
    }

    /** Fixes the limit of a wait (tests make it long to observe it), or turns waiting off with 0. */
    void fixLimit(long nanos) {
        this.fixedNanos = nanos;
    }

    /** The limit of the next wait when it adapts: twice the recent peak, within bounds. */
    long adaptiveLimit() {
        return Math.min(MAX_NANOS, Math.max(MIN_NANOS, 2 * recentNanos));
    }

    /** True while the writer is waiting for acknowledgements (tests). */
    boolean isWaiting() {
        return waiter != null;
    }

    /** How many transactions the current wait is for (tests); 0 when not waiting. */
    int awaitedTransactions() {
        return awaited;
    }

    /** Waits that ended with every enqueue withdrawn (statistics and tests). */
    long withdrawnWaits() {
        return withdrawnWaits;
    }

    /** How the waits ended, and how many transactions were never written, for the store's statistics. */
    String statistics() {
        long all = withdrawnWaits + partlyWithdrawnWaits + missedWaits + dequeuedWaits;
        return all + " waits for acknowledgements (" + withdrawnWaits + " saved every write, " + partlyWithdrawnWaits
            + " some, " + missedWaits + " none, " + dequeuedWaits + " ended by a transaction dequeuing them); "
            + unwritten + " transactions never written, " + writtenAhead + " written ahead of a wait; "
            + wakeUps.sum() + " wake-ups in waits";
    }

    /**
     * Waits, if it may pay, until every enqueue in {@code items} out for delivery is withdrawn.
     * A transaction whose enqueues are all withdrawn has nothing to write: it is taken out of
     * {@code items} and handed to {@code release} at once, without waiting for the others.
     *
     * @param items the work about to be committed
     * @param takeMore moves work that arrived meanwhile into {@code items} (within the batch
     *     bounds); true when it took any. Work that is not only deliveries ends the wait.
     * @param release completes a transaction that needs no writing
     * @param writeAhead commits, at once, transactions taken out of {@code items} because no
     *     acknowledgement can save them and they touch nothing the wait is for
     */
    void await(List<Object> items, BooleanSupplier takeMore, Consumer<GroupCommitWriter.TxWork> release,
        Consumer<List<Object>> writeAhead) {
        long fixed = fixedNanos;
        if (fixed == 0) {
            return;
        }
        List<Object> ahead = eligible(items) ? List.of() : aheadOfWait(items);
        if (ahead == null) {
            if (skip > 0 && dequeuesAwaited(items)) {
                skip = 0; // a consumer's transaction came with the one it acknowledges: waits pay again
                skipped = 0;
            }
            return;
        }
        if (skipped < skip) {
            skipped++;
            return;
        }
        skipped = 0;
        writeAheadOfWait(items, ahead, writeAhead);
        long start = System.nanoTime();
        long deadline = start + (fixed > 0 ? fixed : adaptiveLimit());
        lastSettledNanos = start;
        boolean progress = false;
        waiter = Thread.currentThread();
        try {
            while (true) {
                progress |= releaseWithdrawn(items, release);
                int delivering = deliveringTransactions(items);
                awaited = delivering;
                if (delivering == 0) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) { // checked first, so that a stream of new work cannot stretch the wait
                    // some acknowledged in time: keep trying; none did: try less and less often, and
                    // with the longest limit, which the consumers may have needed
                    skip = progress ? 0 : Math.min(MAX_SKIP, Math.max(1, 2 * skip));
                    if (progress) {
                        partlyWithdrawnWaits++;
                    } else {
                        missedWaits++;
                        recentNanos = Math.max(recentNanos, MAX_NANOS / 2);
                    }
                    return;
                }
                if (takeMore.getAsBoolean()) {
                    if (!eligible(items)) {
                        // work someone waits on that no acknowledgement can save: when it is a
                        // consumer's transaction dequeuing what the wait was for, commit them
                        // together, which cancels those enqueues (WriteBatch): the wait paid off
                        if (dequeuesAwaited(items)) {
                            dequeuedWaits++;
                            paidOff(System.nanoTime() - start);
                            return;
                        }
                        List<Object> more = aheadOfWait(items);
                        if (more == null) {
                            return; // it must be committed with the awaited ones (a task, a stop)
                        }
                        writeAheadOfWait(items, more, writeAhead);
                    }
                    continue; // count again with the new work
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            awaited = 0;
            waiter = null;
        }
        paidOff(lastSettledNanos - start);
        withdrawnWaits++;
    }

    /**
     * A wait that saved writes: how long its acknowledgements took feeds the recent peak, and the
     * next waits are not skipped.
     */
    private void paidOff(long took) {
        recentNanos = took >= recentNanos ? took : recentNanos - (recentNanos - took) / 16;
        skip = 0;
    }

    /** Takes {@code ahead} (found by {@link #aheadOfWait}) out of {@code items} and commits it. */
    private void writeAheadOfWait(List<Object> items, List<Object> ahead, Consumer<List<Object>> writeAhead) {
        if (ahead.isEmpty()) {
            return;
        }
        Set<Object> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        taken.addAll(ahead);
        items.removeIf(taken::contains);
        writtenAhead += ahead.size();
        writeAhead.accept(ahead);
    }

    /**
     * The work to commit before waiting, so that the rest may wait: every transaction but those
     * that are only enqueues out for delivery or withdrawn, provided there are both kinds, no task
     * or stop, and none of it touches an entry the waiting ones enqueue (committing it first then
     * changes nothing another transaction could see). Null when there is no such split.
     */
    private static List<Object> aheadOfWait(List<Object> items) {
        List<Object> ahead = new ArrayList<>();
        Set<EntryKey> waiting = new HashSet<>();
        boolean delivering = false;
        for (Object item : items) {
            if (!(item instanceof GroupCommitWriter.TxWork w)) {
                return null;
            }
            State state = w.deferrable() ? State.MUST_WRITE : stateOf(w);
            if (state == State.MUST_WRITE) {
                ahead.add(w);
                continue;
            }
            delivering |= state == State.DELIVERING;
            for (StoreOp op : w.ops()) {
                waiting.add(new EntryKey(w.vhostId(), op.queue(), op.messageId()));
            }
        }
        if (!delivering || ahead.isEmpty()) {
            return null;
        }
        for (Object item : ahead) {
            GroupCommitWriter.TxWork w = (GroupCommitWriter.TxWork) item;
            for (StoreOp op : w.ops()) {
                if (waiting.contains(new EntryKey(w.vhostId(), op.queue(), op.messageId()))) {
                    return null;
                }
            }
        }
        return ahead;
    }

    /**
     * True when a transaction in {@code items} that is not awaited dequeues an entry whose enqueue is
     * awaited (still out for delivery): a consumer's {@code tx.commit} that acknowledges what the
     * wait was for.
     */
    private static boolean dequeuesAwaited(List<Object> items) {
        Set<EntryKey> awaitedEntries = new HashSet<>();
        for (Object item : items) {
            if (item instanceof GroupCommitWriter.TxWork w && !w.deferrable() && stateOf(w) == State.DELIVERING) {
                for (StoreOp op : w.ops()) {
                    if (op.claim().isDelivering()) {
                        awaitedEntries.add(new EntryKey(w.vhostId(), op.queue(), op.messageId()));
                    }
                }
            }
        }
        for (Object item : items) {
            if (item instanceof GroupCommitWriter.TxWork w) {
                for (StoreOp op : w.ops()) {
                    if (op.kind() == StoreOp.Kind.DEQUEUE
                        && awaitedEntries.contains(new EntryKey(w.vhostId(), op.queue(), op.messageId()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private record EntryKey(int vhostId, String queue, long messageId) {
    }

    /**
     * Hands every waited-on transaction whose enqueues are all withdrawn to {@code release}, and
     * notes when the last of them was completed.
     */
    private boolean releaseWithdrawn(List<Object> items, Consumer<GroupCommitWriter.TxWork> release) {
        boolean any = false;
        for (Iterator<Object> it = items.iterator(); it.hasNext();) {
            if (it.next() instanceof GroupCommitWriter.TxWork w && !w.deferrable() && stateOf(w) == State.WITHDRAWN) {
                it.remove();
                release.accept(w);
                unwritten++;
                any = true;
                if (!w.ops().isEmpty()) {
                    lastSettledNanos = Math.max(lastSettledNanos, w.ops().get(0).claim().completedAtNanos());
                }
            }
        }
        return any;
    }

    /** Waited-on transactions with an enqueue still out for delivery. */
    private static int deliveringTransactions(List<Object> items) {
        int n = 0;
        for (Object item : items) {
            if (item instanceof GroupCommitWriter.TxWork w && !w.deferrable() && stateOf(w) == State.DELIVERING) {
                n++;
            }
        }
        return n;
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
            State state = stateOf(w);
            if (state == State.MUST_WRITE) {
                return false;
            }
            delivering |= state == State.DELIVERING;
        }
        return delivering;
    }

    /** What an acknowledgement can still do for a transaction. */
    private enum State {
        /** Holds work no acknowledgement can save: an enqueue nobody is consuming, or other work. */
        MUST_WRITE,
        /** Only enqueues, some still out for delivery, the others withdrawn. */
        DELIVERING,
        /** Only enqueues, all withdrawn: nothing to write. */
        WITHDRAWN
    }

    private static State stateOf(GroupCommitWriter.TxWork w) {
        State state = State.WITHDRAWN;
        for (StoreOp op : w.ops()) {
            if (op.kind() != StoreOp.Kind.ENQUEUE) {
                return State.MUST_WRITE;
            }
            if (op.claim().isDelivering()) {
                state = State.DELIVERING;
            } else if (!op.claim().isWithdrawn()) {
                return State.MUST_WRITE;
            }
        }
        return state;
    }
}
