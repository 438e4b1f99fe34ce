package org.fieldpost.broker.queue;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed store updates of queues (dequeues, delivery counts, purges) without flooding: the
 * first failure with its stack trace, then one line per {@value #EVERY} failures. A store that
 * stops working fails every update, and a log line per message would bury the cause.
 *
 * <p>Concurrency: thread-safe; called on the store's writer thread.
 */
final class StoreFailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFailureLog.class);
    static final int EVERY = 10_000;
    private static final AtomicLong FAILURES = new AtomicLong();

    private StoreFailureLog() {
    }

    /** Records the outcome of a store update of {@code messages} messages; {@code failure} null means it worked. */
    static void failed(Throwable failure, String what, String queue, int messages) {
        if (failure == null) {
            return;
        }
        long n = FAILURES.incrementAndGet();
        if (n == 1) {
            LOG.warn("FP-Q003 store update failed: {} of {} message(s) on queue '{}'", what, messages, queue, failure);
        } else if (n % EVERY == 0) {
            LOG.warn("FP-Q003 {} store updates failed so far; latest: {} on queue '{}': {}", n, what, queue,
                failure.toString());
        } else {
            LOG.debug("store update failed: {} on queue '{}': {}", what, queue, failure.toString());
        }
    }

    /** Failures recorded in this JVM. */
    static long count() {
        return FAILURES.get();
    }
}
