package org.fieldpost.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.fieldpost.protocol.frame.FrameEncoder;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.transport.FlushPerTurn;

/**
 * Writes frames to one client socket. Writes are buffered and flushed once per event-loop turn,
 * so a burst of deliveries costs one system call, not one per frame.
 *
 * <p>Concurrency: every method must be called on the connection's event loop
 * ({@link #inEventLoop()}); other threads hand work over with {@link #execute(Runnable)}.
 */
public final class FrameWriter {
    private final Channel socket;
    private final FlushPerTurn flusher;
    private long frameMax;
    private boolean tuned;

    FrameWriter(Channel socket, long frameMax) {
        this.socket = socket;
        this.flusher = new FlushPerTurn(socket);
        this.frameMax = frameMax;
    }

    /**
     * Applies what {@code connection.tune-ok} settled: the frame-max for both directions and the
     * heartbeat interval (0 disables heartbeats). Heartbeats go out after half an interval of
     * silence; a peer silent for two intervals is reported by {@link FrameHandler#peerSilent()}.
     */
    public void negotiated(long negotiatedFrameMax, int heartbeatSeconds) {
        this.frameMax = negotiatedFrameMax;
        this.tuned = true;
        if (heartbeatSeconds > 0) {
            long millis = heartbeatSeconds * 1000L;
            socket.pipeline().addBefore(AmqpServer.CONNECTION_HANDLER, AmqpServer.IDLE_HANDLER,
                new IdleStateHandler(2 * millis, millis / 2, 0, TimeUnit.MILLISECONDS));
        }
    }

    /** The frame-max of both directions: the one offered in connection.tune until tune-ok settles it. */
    public long frameMax() {
        return frameMax;
    }

    /** True once {@link #negotiated} ran (tune-ok arrived). */
    boolean tuned() {
        return tuned;
    }

    /** Queues a method frame. */
    public void writeMethod(int channel, AmqpMethod method) {
        ByteBuf out = socket.alloc().buffer();
        FrameEncoder.writeMethod(channel, method, out);
        write(out);
    }

    /** Queues a content-bearing method, its header (pre-encoded properties) and its body frames. */
    public void writeContent(int channel, AmqpMethod method, byte[] encodedProperties, byte[] body) {
        ByteBuf out = socket.alloc().buffer(body.length + encodedProperties.length + 128);
        FrameEncoder.writeContent(channel, method, encodedProperties, body, frameMax, out);
        write(out);
    }

    /** Queues a heartbeat frame. */
    public void writeHeartbeat() {
        ByteBuf out = socket.alloc().buffer(8);
        FrameEncoder.writeHeartbeat(out);
        write(out);
    }

    /** Flushes what is queued and closes the socket once written. */
    public void flushAndClose() {
        socket.writeAndFlush(socket.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the socket at once, dropping unwritten frames. */
    public void closeNow() {
        socket.close();
    }

    /** True when the socket can take more writes without buffering beyond its high-water mark. */
    public boolean isWritable() {
        return socket.isWritable();
    }

    /**
     * Stops (or resumes) reading from the socket: TCP back-pressure then holds the client's
     * publishes in its own buffers (used while the broker is short of memory).
     */
    public void pauseReading(boolean paused) {
        socket.config().setAutoRead(!paused);
    }

    public boolean inEventLoop() {
        return socket.eventLoop().inEventLoop();
    }

    /**
     * Flushes now what this turn wrote so far, ahead of the tasks queued on the event loop meanwhile:
     * for a reply a client is blocked on. Other writes wait for the flush at the end of the turn.
     */
    public void flushNow() {
        flusher.flushNow();
    }

    /** Runs a task on the connection's event loop. */
    public void execute(Runnable task) {
        socket.eventLoop().execute(task);
    }

    private void write(ByteBuf out) {
        flusher.write(out, socket.voidPromise());
    }
}
