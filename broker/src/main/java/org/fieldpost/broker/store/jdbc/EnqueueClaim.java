package org.fieldpost.broker.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.store.PendingEnqueue;

/**
 * Decides, once, whether an enqueue is written or withdrawn: the writer claims it when it puts the
 * enqueue into a batch, an acknowledgement withdraws it before that. Holds no reference to the
 * message, so an entry keeping its claim keeps no body alive.
 *
 * <p>An enqueue whose entry went out to a consumer is marked {@link #delivering()}: the writer may
 * then wait a little for its acknowledgement (see {@link WithdrawalWait}). A withdrawal counts down
 * its transaction's {@link WithdrawnCompletion}, which completes the transaction when nothing of it
 * is left to write; it does not wake the writer, which notices when it next looks.
 *
 * <p>A transaction's acknowledgements withdraw their enqueues all together or not at all (see {@link
 * JdbcTransaction}): each is first {@linkplain #reserve() reserved}, which keeps the writer from
 * claiming it, and once all are, withdrawn; if one cannot be, the others are put back. The writer
 * meeting a reserved enqueue waits for that decision, which is made without blocking.
 *
 * <p>Concurrency: lock-free; {@link #claimForWrite} runs on the writer thread, the others on any
 * thread.
 */
final class EnqueueClaim extends AtomicInteger implements PendingEnqueue {

    private static final int PENDING = 0;
    private static final int WRITING = 1;
    private static final int WITHDRAWN = 2;
    private static final int DELIVERING = 3;
    private static final int RESERVED = 4;
    /** Spins of a writer meeting a reserved enqueue before it yields its core instead. */
    private static final int SPINS = 100;

    private final WithdrawnCompletion owner;

    EnqueueClaim(WithdrawnCompletion owner) {
        this.owner = owner;
    }

    /** The completion of the transaction that made this enqueue. */
    WithdrawnCompletion owner() {
        return owner;
    }

    @Override
    public boolean withdraw() {
        if (compareAndSet(DELIVERING, WITHDRAWN) || compareAndSet(PENDING, WITHDRAWN)) {
            owner.withdrawn();
            return true;
        }
        return false;
    }

    @Override
    public void delivering() {
        compareAndSet(PENDING, DELIVERING);
    }

    /**
     * Holds the enqueue for a withdrawal decided together with others: while reserved the writer
     * cannot claim it. True when it was pending or out for delivery; then {@link #withdrawReserved}
     * or {@link #unreserve} must follow at once.
     */
    boolean reserve() {
        return compareAndSet(DELIVERING, RESERVED) || compareAndSet(PENDING, RESERVED);
    }

    /** Withdraws a reserved enqueue: it will never be written. */
    void withdrawReserved() {
        set(WITHDRAWN);
        owner.withdrawn();
    }

    /** Puts a reserved enqueue back; an acknowledgement reserved it, so it is out for delivery. */
    void unreserve() {
        set(DELIVERING);
    }

    /**
     * True when the enqueue must be written (also when it was claimed before, for a retry); false
     * when it was withdrawn. Waits while it is reserved: the decision takes a few instructions per
     * enqueue of one transaction.
     */
    boolean claimForWrite() {
        for (int spins = 0;; spins++) {
            int state = get();
            if (state == WRITING) {
                return true;
            }
            if (state == WITHDRAWN) {
                return false;
            }
            if (state != RESERVED) {
                if (compareAndSet(state, WRITING)) {
                    return true;
                }
            } else if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the reserving thread was descheduled mid-decision
            }
        }
    }

    /** Out for delivery and neither written nor withdrawn yet: an acknowledgement may still come. */
    boolean isDelivering() {
        int state = get();
        return state == DELIVERING || state == RESERVED;
    }

    boolean isWithdrawn() {
        return get() == WITHDRAWN;
    }

    /** When acknowledgements completed this enqueue's transaction (System.nanoTime), or 0. */
    long completedAtNanos() {
        return owner.completedAtNanos();
    }
}
