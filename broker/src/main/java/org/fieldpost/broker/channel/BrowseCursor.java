package org.fieldpost.broker.channel;

import java.util.Iterator;
import java.util.function.Predicate;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.QueueEntry;

/**
 * A queue browser ({@code basic.consume} with {@code x-browse}): copies of the messages that were
 * available when it started, in queue order, sent without acquiring them. Sending pauses while the
 * socket is not writable, so browsing a deep queue never buffers it whole, but not while the channel's
 * flow is off (it takes no message from other consumers); when the snapshot is
 * exhausted the broker cancels the consumer ({@code basic.cancel}), which marks the end.
 *
 * <p>Concurrency: confined to the event loop.
 */
final class BrowseCursor {
    private final String tag;
    private final Iterator<QueueEntry> remaining;
    private final Predicate<Message> filter;

    BrowseCursor(String tag, Iterator<QueueEntry> remaining, Predicate<Message> filter) {
        this.tag = tag;
        this.remaining = remaining;
        this.filter = filter;
    }

    String tag() {
        return tag;
    }

    /**
     * Sends as much as the socket takes.
     *
     * @return true when the snapshot is exhausted (the caller then sends {@code basic.cancel})
     */
    boolean pump(Deliveries deliveries) {
        while (remaining.hasNext()) {
            if (!deliveries.canSendCopies()) {
                return false;
            }
            QueueEntry entry = remaining.next();
            if (entry.state() == QueueEntry.State.REMOVED || !filter.test(entry.message())) {
                continue;
            }
            deliveries.deliverCopy(tag, entry);
        }
        return true;
    }
}
