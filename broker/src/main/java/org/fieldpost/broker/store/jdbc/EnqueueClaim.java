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
 * <p>Concurrency: lock-free; {@link #claimForWrite} runs on the writer thread, {@link #withdraw}
 * and {@link #delivering} on any thread.
 */
final class EnqueueClaim extends AtomicInteger implements PendingEnqueue {

    private static final int PENDING = 0;
    private static final int WRITING = 1;
    private static final int WITHDRAWN = 2;
    private static final int DELIVERING = 3;

    private final WithdrawnCompletion owner;

    EnqueueClaim(WithdrawnCompletion owner) {
        this.owner = owner;
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

    /** True when the enqueue must be written (also when it was claimed before, for a retry). */
    boolean claimForWrite() {
        return compareAndSet(PENDING, WRITING) || compareAndSet(DELIVERING, WRITING) || get() == WRITING;
    }

    /** Out for delivery and neither written nor withdrawn yet: an acknowledgement may still come. */
    boolean isDelivering() {
        return get() == DELIVERING;
    }

    boolean isWithdrawn() {
        return get() == WITHDRAWN;
    }

    /** When acknowledgements completed this enqueue's transaction (System.nanoTime), or 0. */
    long completedAtNanos() {
        return owner.completedAtNanos();
    }
}
