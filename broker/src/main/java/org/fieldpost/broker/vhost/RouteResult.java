package org.fieldpost.broker.vhost;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.queue.MessageQueue;

/**
 * The outcome of a publish, as the channel needs it.
 *
 * @param queues the queues that accepted the message
 * @param routedCount how many queues the message was routed to, including those that rejected it;
 *     0 means unroutable (basic.return 312 NO_ROUTE for mandatory publishes)
 * @param rejected true when at least one queue refused it (reject-publish overflow): publisher
 *     confirms answer basic.nack
 * @param stored completes when the message is durable in every stored queue that accepted it (at
 *     once when none is involved): publisher confirms answer basic.ack after it
 */
public record RouteResult(List<MessageQueue> queues, int routedCount, boolean rejected,
                          CompletableFuture<Void> stored) {

    /** True when routed to at least one queue. */
    public boolean routed() {
        return routedCount > 0;
    }
}
