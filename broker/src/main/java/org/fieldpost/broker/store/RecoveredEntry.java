package org.fieldpost.broker.store;

import org.fieldpost.broker.message.Message;

/**
 * A queue entry read back at recovery.
 *
 * @param message the stored message (shared between the entries of all queues holding it)
 * @param deliveryCount how many deliveries of it ended in a requeue, as last stored
 */
public record RecoveredEntry(Message message, int deliveryCount) {
}
