package org.fieldpost.broker.channel;

import java.util.NavigableSet;
import java.util.TreeSet;
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
    /** Published, not yet confirmed to the client. */
    private final NavigableSet<Long> outstanding = new TreeSet<>();
    /** Settled as ack, waiting for the end of the turn. */
    private final NavigableSet<Long> readyAcks = new TreeSet<>();
    /** Settled as nack, waiting for the end of the turn. */
    private final NavigableSet<Long> readyNacks = new TreeSet<>();
    private long lastSeq;
    private boolean flushScheduled;

    PublisherConfirms(ServerChannel channel) {
        this.channel = channel;
    }

    /** Registers the next publish and returns its sequence number (the first is 1). */
    long next() {
        long seq = ++lastSeq;
        outstanding.add(seq);
        return seq;
    }

    /** Records the outcome of a publish; it is sent at the end of this event-loop turn. */
    void settle(long seq, boolean ack) {
        (ack ? readyAcks : readyNacks).add(seq);
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
        while (!outstanding.isEmpty() && readyAcks.contains(outstanding.first())) {
            runEnd = outstanding.pollFirst();
            readyAcks.remove(runEnd);
            runLength++;
        }
        if (runLength > 0) {
            channel.send(new AmqpBasic.Ack(runEnd, runLength > 1));
        }
        for (long seq : readyAcks) {
            outstanding.remove(seq);
            channel.send(new AmqpBasic.Ack(seq, false));
        }
        readyAcks.clear();
        for (long seq : readyNacks) {
            outstanding.remove(seq);
            channel.send(new AmqpBasic.Nack(seq, false, false));
        }
        readyNacks.clear();
    }
}
