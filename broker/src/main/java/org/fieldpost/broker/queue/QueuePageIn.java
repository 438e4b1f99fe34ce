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
 * lock held, on the pager thread or on the caller's.
 */
final class QueuePageIn {

    private final MessageQueue queue;
    private final QueueBacklog backlog;
    private final QueueContext context;

    QueuePageIn(MessageQueue queue, QueueBacklog backlog, QueueContext context) {
        this.queue = queue;
        this.backlog = backlog;
        this.context = context;
    }

    /** See {@link MessageQueue#pageIn(boolean)}. */
    boolean pageIn(boolean wait) {
        Claim claim = queue.read(() -> new Claim(queue.deleted() ? null : backlog.pager().claim(),
            backlog.pager().running()));
        QueuePager.PageIn request = claim.request();
        if (request == null) {
            if (wait && claim.running() != null) {
                claim.running().join();
                return true;
            }
            return false;
        }
        if (!wait) {
            try {
                context.memory().pager().execute(() -> readAndPageIn(request));
            } catch (RejectedExecutionException e) {
                queue.withLock(out -> backlog.pager().complete(request, null)); // stopping: release the claim
                return false;
            }
            return true;
        }
        return readAndPageIn(request);
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
