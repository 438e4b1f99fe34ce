package org.fieldpost.broker.channel;

import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;

/**
 * A delivery awaiting {@code basic.ack}, {@code nack} or {@code reject}.
 *
 * @param consumer the consumer it was delivered to, or null for {@code basic.get}
 */
record Unacked(long tag, ChannelConsumer consumer, MessageQueue queue, QueueEntry entry) {
}
