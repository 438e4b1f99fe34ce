package org.fieldpost.broker.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.store.PendingEnqueue;

/**
 * Decides, once, whether an enqueue is written or withdrawn: the writer claims it when it puts the
 * enqueue into a batch, an acknowledgement withdraws it before that. Holds no reference to the
 * message, so an entry keeping its claim keeps no body alive.
 *
 * <p>Concurrency: lock-free; {@link #claimForWrite} runs on the writer thread, {@link #withdraw}
 * on any thread.
 */
final class EnqueueClaim extends AtomicInteger implements PendingEnqueue {

    private static final int PENDING = 0;
    private static final int WRITING = 1;
    private static final int WITHDRAWN = 2;

    @Override
    public boolean withdraw() {
        return compareAndSet(PENDING, WITHDRAWN);
    }

    /** True when the enqueue must be written (also when it was claimed before, for a retry). */
    boolean claimForWrite() {
        return compareAndSet(PENDING, WRITING) || get() == WRITING;
    }
}
