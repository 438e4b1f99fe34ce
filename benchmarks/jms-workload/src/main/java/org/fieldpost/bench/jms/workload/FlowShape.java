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
 * @param backlog the consumers start only after every message was sent (a queue drained from a
 *     backlog) instead of before the producers
 */
public record FlowShape(int producers, int consumers, boolean topic, int deliveryMode, int transactionBatch,
                        boolean backlog) {

    public FlowShape {
        if (producers < 1 || consumers < 1 || transactionBatch < 0 || (backlog && topic)) {
            throw new IllegalArgumentException(this.toString());
        }
    }

    /** A flow whose consumers are there before the producers start. */
    public FlowShape(int producers, int consumers, boolean topic, int deliveryMode, int transactionBatch) {
        this(producers, consumers, topic, deliveryMode, transactionBatch, false);
    }

    /** Whether sessions are transacted. */
    public boolean transacted() {
        return transactionBatch > 0;
    }
}
