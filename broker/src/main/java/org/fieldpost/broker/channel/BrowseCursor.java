package org.fieldpost.broker.channel;

import java.util.function.Predicate;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.QueueBrowse;

/**
 * A queue browser ({@code basic.consume} with {@code x-browse}): copies of the messages that were
 * available when it started, paged-out ones included, in queue order, sent without acquiring them.
 * Sending pauses while the socket is not writable, so browsing a deep queue never buffers it whole,
 * and while the next batch of paged-out messages is read from the store; but not while the channel's
 * flow is off (it takes no message from other consumers). When the browse is exhausted the broker
 * cancels the consumer ({@code basic.cancel}), which marks the end.
 *
 * <p>Concurrency: confined to the event loop; a store read completing elsewhere only asks
 * {@link Deliveries#browserLoaded} to pump again on the event loop.
 */
final class BrowseCursor {
    private final String tag;
    private final QueueBrowse browse;
    private final Predicate<Message> filter;
    private boolean awaitingLoad;

    BrowseCursor(String tag, QueueBrowse browse, Predicate<Message> filter) {
        this.tag = tag;
        this.browse = browse;
        this.filter = filter;
    }

    String tag() {
        return tag;
    }

    /**
     * Sends as much as the socket takes and the browse has at hand.
     *
     * @return true when the browse is exhausted (the caller then sends {@code basic.cancel})
     */
    boolean pump(Deliveries deliveries) {
        while (deliveries.canSendCopies()) {
            QueueBrowse.Copy copy = browse.next();
            if (copy == null) {
                if (browse.finished()) {
                    return true;
                }
                if (!awaitingLoad) {
                    awaitingLoad = true;
                    browse.loaded().whenComplete((ok, failure) -> deliveries.browserLoaded(this));
                }
                return false;
            }
            if (filter.test(copy.message())) {
                deliveries.deliverCopy(tag, copy);
            }
        }
        return false;
    }

    /** On the event loop: the awaited store read is done. */
    void loadDone() {
        awaitingLoad = false;
    }
}
