package org.fieldpost.broker.store;

import java.util.List;
import org.fieldpost.broker.message.Message;

/**
 * The work of a prepared XA branch, stored so that it survives a restart in doubt: the messages it
 * publishes (invisible until commit) and the queue entries it consumed (locked until commit or
 * rollback).
 *
 * @param branch the branch identity
 * @param enqueues messages to add to queues at commit
 * @param dequeues entries to remove from queues at commit
 */
public record PreparedBranchRecord(BranchId branch, List<Enqueue> enqueues, List<Dequeue> dequeues) {

    public PreparedBranchRecord {
        enqueues = List.copyOf(enqueues);
        dequeues = List.copyOf(dequeues);
    }

    /** A publish held by the branch. */
    public record Enqueue(String queue, Message message) {
    }

    /** A consumed entry held by the branch. */
    public record Dequeue(String queue, long messageId) {
    }
}
