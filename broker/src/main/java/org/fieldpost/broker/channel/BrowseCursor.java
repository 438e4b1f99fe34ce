package org.fieldpost.broker.channel;

import java.util.function.Predicate;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.QueueBrowse;

/**
 * A queue browser ({@code basic.consume} with {@code x-browse}): copies of the messages that were
 * available when it started, paged-out ones included, in queue order, sent without acquiring them.
 * Sending pauses while the socket is not writable, so browsing a deep queue never buffers it whole
 * in the broker, and while the next batch of paged-out messages is read from the store; but not
 * while the channel's flow is off (it takes no message from other consumers). A browser started with
 * {@code x-browse-credit} also pauses when its window is used up, until {@code basic.credit} widens
 * it: the client then holds at most a window of copies however fast it reads its socket. When the
 * browse is exhausted the broker cancels the consumer ({@code basic.cancel}), which marks the end.
 *
 * <p>Concurrency: confined to the event loop; a store read completing elsewhere only asks
 * {@link Deliveries#browserLoaded} to pump again on the event loop.
 */
final class BrowseCursor {
    /** The credit of a browser without a window. */
    static final long UNLIMITED = -1;

    private final String tag;
    private final QueueBrowse browse;
    private final Predicate<Message> filter;
    /** Copies it may still send, or {@link #UNLIMITED}. */
    private long credit;
    private boolean awaitingLoad;

    BrowseCursor(String tag, QueueBrowse browse, Predicate<Message> filter, long credit) {
        this.tag = tag;
        this.browse = browse;
        this.filter = filter;
        this.credit = credit;
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
        while (credit != 0 && deliveries.canSendCopies()) {
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
                if (credit > 0) {
                    credit--;
                }
            }
        }
        return false;
    }

    /** Widens the window by {@code more} copies (nothing for a browser without a window). */
    void addCredit(long more) {
        if (credit != UNLIMITED) {
            credit += more; // a grant is at most 2^32 - 1: wrapping would take 2^31 of them
        }
    }

    /** On the event loop: the awaited store read is done. */
    void loadDone() {
        awaitingLoad = false;
    }
}
