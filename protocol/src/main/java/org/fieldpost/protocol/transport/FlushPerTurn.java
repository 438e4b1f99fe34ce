package org.fieldpost.protocol.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

/**
 * Writes to one socket and flushes once per event-loop turn: the first write of a turn queues a
 * flush task behind the tasks already waiting (more frames, more deliveries), so a burst costs one
 * system call, not one per frame, and a lone frame goes out as soon as the task that wrote it
 * returns. Used by both ends: the broker's {@code FrameWriter} and the client's connection.
 *
 * <p>Concurrency: every method must be called on the socket's event loop.
 */
public final class FlushPerTurn {
    private final Channel socket;
    private boolean flushScheduled;

    public FlushPerTurn(Channel socket) {
        this.socket = socket;
    }

    /** Queues {@code message} for the next flush of this turn. */
    public ChannelFuture write(Object message, ChannelPromise promise) {
        ChannelFuture written = socket.write(message, promise);
        if (!flushScheduled) {
            flushScheduled = true;
            socket.eventLoop().execute(this::flush);
        }
        return written;
    }

    /** Flushes at once what was written since the last flush, ahead of the flush task already queued. */
    public void flushNow() {
        if (flushScheduled) {
            flush();
        }
    }

    private void flush() {
        flushScheduled = false;
        socket.flush();
    }
}
