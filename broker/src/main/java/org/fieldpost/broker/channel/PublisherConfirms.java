package org.fieldpost.broker.channel;

import java.util.ArrayList;
import java.util.List;
import org.fieldpost.protocol.TagMap;
import org.fieldpost.protocol.method.AmqpBasic;

/**
 * Publisher confirms of one channel in confirm mode. Outcomes are collected during an event-loop
 * turn and sent together at its end: a run of acknowledged sequence numbers with nothing
 * unconfirmed below it becomes one {@code basic.ack} with {@code multiple=true}; the rest are
 * confirmed one by one. A message's confirm is never sent before the message is durable.
 *
 * <p>Concurrency: confined to the event loop.
 */
final class PublisherConfirms {
    private final ServerChannel channel;
    /** Published, not yet confirmed to the client, with its outcome once settled. */
    private final TagMap<Outcome> outstanding = new TagMap<>();
    /** Settled during this turn, in settlement order. */
    private final List<Long> settled = new ArrayList<>();
    private long lastSeq;
    private boolean flushScheduled;

    private enum Outcome { PENDING, ACK, NACK }

    PublisherConfirms(ServerChannel channel) {
        this.channel = channel;
    }

    /** Registers the next publish and returns its sequence number (the first is 1). */
    long next() {
        long seq = ++lastSeq;
        outstanding.put(seq, Outcome.PENDING);
        return seq;
    }

    /** Records the outcome of a publish; it is sent at the end of this event-loop turn. */
    void settle(long seq, boolean ack) {
        if (record(seq, ack)) {
            scheduleFlush();
        }
    }

    /**
     * Records the outcome of a publish whose store write has just completed. When no other publish of
     * the channel is still unsettled, the publisher is waiting for exactly these confirms (a synchronous
     * sender), so they are written at once instead of after the tasks queued on the event loop; a
     * publisher with more in flight keeps its confirms batched to the end of the turn.
     *
     * @return true when the confirms were written now, so the caller should flush the socket
     */
    boolean settleStored(long seq, boolean ack) {
        if (!record(seq, ack)) {
            return false;
        }
        if (outstanding.size() != settled.size()) {
            scheduleFlush();
            return false;
        }
        flush(); // a flush task already queued finds nothing left
        return true;
    }

    /** False when the publish was confirmed already (settled twice): nothing more to send. */
    private boolean record(long seq, boolean ack) {
        if (outstanding.get(seq) == null) {
            return false;
        }
        outstanding.put(seq, ack ? Outcome.ACK : Outcome.NACK);
        settled.add(seq);
        return true;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.host().writer().execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        if (!channel.isOpen()) {
            return;
        }
        long runEnd = 0;
        int runLength = 0;
        while (outstanding.first() == Outcome.ACK) {
            runEnd = outstanding.firstTag();
            outstanding.remove(runEnd);
            runLength++;
        }
        if (runLength > 0) {
            channel.send(new AmqpBasic.Ack(runEnd, runLength > 1));
        }
        settled.sort(null);
        for (long seq : settled) {
            Outcome outcome = outstanding.remove(seq);
            if (outcome == Outcome.ACK) {
                channel.send(new AmqpBasic.Ack(seq, false));
            } else if (outcome == Outcome.NACK) {
                channel.send(new AmqpBasic.Nack(seq, false, false));
            }
        }
        settled.clear();
    }
}
