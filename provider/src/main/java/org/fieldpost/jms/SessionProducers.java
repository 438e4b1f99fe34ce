package org.fieldpost.jms;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producers of one {@link JmsSession} and its asynchronous sends whose confirm has not arrived yet, in the
 * order a close needs them: {@link #closeAll()} first, which ends every send parked in producer flow control
 * (it throws {@code IllegalStateException}, its message unsent), then {@link #awaitCompletions(long)}, which
 * waits for the confirms of what did go out (the Javadoc of {@code Session.close}: a close waits for incomplete
 * asynchronous sends). The other order would leave a parked producer waiting for the very close that waits for
 * a confirm which a blocked broker does not send.
 *
 * <p>Concurrency: thread-safe; producers are added and removed by application threads, completions are
 * tracked by sending threads and forgotten on whichever thread completes them.
 */
final class SessionProducers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionProducers.class);

    private final Set<JmsMessageProducer> producers = new CopyOnWriteArraySet<>();
    private final Set<CompletableFuture<?>> pendingCompletions = ConcurrentHashMap.newKeySet();

    void add(JmsMessageProducer producer) {
        producers.add(producer);
    }

    void remove(JmsMessageProducer producer) {
        producers.remove(producer);
    }

    /** Keeps {@code completion} until it completes, so that a close can wait for it. */
    void trackCompletion(CompletableFuture<?> completion) {
        pendingCompletions.add(completion);
        completion.whenComplete((r, e) -> pendingCompletions.remove(completion));
    }

    /** Closes every producer, which releases a send parked in flow control. Does not block. */
    void closeAll() {
        producers.forEach(JmsMessageProducer::closedBySession);
    }

    /**
     * Waits up to {@code timeoutMillis} for the confirms of the asynchronous sends made so far; logs and
     * returns if they do not arrive in time. Blocks; must not run on the session's delivery thread, which is
     * the one that would run their completion listeners.
     */
    void awaitCompletions(long timeoutMillis) {
        if (pendingCompletions.isEmpty()) {
            return;
        }
        try {
            // A failed send counts as complete: wait for the others all the same.
            CompletableFuture.allOf(pendingCompletions.stream().map(f -> f.handle((r, e) -> null))
                .toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("FP-J012 interrupted while pending sends were waited for before close", e);
        } catch (Exception e) {
            LOG.debug("FP-J012 pending sends did not complete before close", e);
        }
    }
}
