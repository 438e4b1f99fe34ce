package org.fieldpost.bench.jms.workload;

import jakarta.jms.DeliveryMode;

/**
 * The shape of a one-way flow: who sends, who receives, to what, how.
 *
 * @param producers concurrent producers, each with its own connection and session
 * @param consumers concurrent consumers (queue) or subscribers (topic), each with its own connection
 * @param topic a topic with non-durable subscribers instead of a queue
 * @param deliveryMode {@link DeliveryMode#PERSISTENT} or {@link DeliveryMode#NON_PERSISTENT}
 * @param transactionBatch 0 for non-transacted sessions with auto-acknowledge, else both sides commit
 *     every that many messages (and once more at the end)
 */
public record FlowShape(int producers, int consumers, boolean topic, int deliveryMode, int transactionBatch) {

    public FlowShape {
        if (producers < 1 || consumers < 1 || transactionBatch < 0) {
            throw new IllegalArgumentException(this.toString());
        }
    }

    /** Whether sessions are transacted. */
    public boolean transacted() {
        return transactionBatch > 0;
    }
}
