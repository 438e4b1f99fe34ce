package org.fieldpost.broker.queue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.fieldpost.broker.message.Message;

/**
 * Page-in for one {@link MessageQueue}: reads the head of the paged tail back from the store (see
 * {@link QueuePager}) and puts it in the queue, then dispatches.
 *
 * <p>Concurrency: claims and completes a page-in under the queue's lock; reads the store with no
 * lock held, on the pager thread only: a {@code basic.get} waiting for a page-in never blocks an event
 * loop.
 */
final class QueuePageIn {

    private static final CompletableFuture<Boolean> NOTHING = CompletableFuture.completedFuture(false);

    private final MessageQueue queue;
    private final QueueBacklog backlog;
    private final QueueContext context;

    QueuePageIn(MessageQueue queue, QueueBacklog backlog, QueueContext context) {
        this.queue = queue;
        this.backlog = backlog;
        this.context = context;
    }

    /** See {@link MessageQueue#pageIn()}. */
    CompletableFuture<Boolean> pageIn() {
        Claim claim = queue.read(() -> new Claim(queue.deleted() ? null : backlog.pager().claim(),
            backlog.pager().running()));
        QueuePager.PageIn request = claim.request();
        try {
            if (request != null) {
                return CompletableFuture.supplyAsync(() -> readAndPageIn(request), context.memory().pager());
            }
            if (claim.running() == null) {
                return NOTHING;
            }
            // The running page-in completes under the queue lock, before its messages are in the
            // queue: go on on the pager thread, after it.
            return claim.running().thenApplyAsync(done -> true, context.memory().pager())
                .exceptionally(stopping -> false);
        } catch (RejectedExecutionException e) {
            if (request != null) {
                queue.withLock(out -> backlog.pager().complete(request, null)); // stopping: release the claim
            }
            return NOTHING;
        }
    }

    private boolean readAndPageIn(QueuePager.PageIn request) {
        Map<Long, Message> found = backlog.pager().read(request, queue);
        boolean[] any = new boolean[1];
        queue.withLock(out -> {
            List<QueuePager.PagedIn> back = backlog.pager().complete(request, found);
            if (queue.deleted()) {
                return;
            }
            long now = context.clock().getAsLong();
            any[0] = backlog.addPagedIn(back, now);
            queue.dispatch(now, out);
        });
        return any[0];
    }

    /** What the queue lock gave: the page-in claimed (or null) and the one running then (or null). */
    private record Claim(QueuePager.PageIn request, CompletableFuture<Void> running) {
    }
}
