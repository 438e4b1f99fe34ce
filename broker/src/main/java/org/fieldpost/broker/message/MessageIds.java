package org.fieldpost.broker.message;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Source of message ids, unique within one broker (or one virtual host) for the life of its store.
 *
 * <p>Concurrency: thread-safe and lock-free; any thread may draw ids.
 */
public final class MessageIds {

    private final AtomicLong last;

    /** Ids start at {@code 1}. */
    public MessageIds() {
        this(0);
    }

    /** The first id drawn will be {@code lastUsed + 1}. */
    public MessageIds(long lastUsed) {
        this.last = new AtomicLong(lastUsed);
    }

    /** A fresh id, greater than every id drawn or recovered before. */
    public long next() {
        return last.incrementAndGet();
    }

    /** Makes sure later ids are greater than {@code id} (used after recovering stored messages). */
    public void advancePast(long id) {
        last.accumulateAndGet(id, Math::max);
    }
}
