package org.fieldpost.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.frame.FrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a socket's pipeline: cuts frames out of the bytes and hands each straight to
 * the connection's {@link FrameHandler}, with the socket's events. Frames do not travel the
 * pipeline as messages, so a frame costs no pass through further handlers. A malformed frame is
 * reported once ({@link FrameHandler#frameError}) and every byte after it is discarded: after a
 * framing error the stream cannot be resynchronised, so the connection closes.
 *
 * <p>The handshake has a deadline: a client that has not sent {@code connection.tune-ok}
 * {@value AmqpServer#HANDSHAKE_TIMEOUT_MILLIS} ms after connecting (a TLS handshake included) is
 * reported silent ({@link FrameHandler#peerSilent}). After tune-ok, heartbeats take over.
 *
 * <p>Concurrency: confined to the connection's event loop.
 */
final class ConnectionHandler extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final FrameHandlerFactory factory;
    private final long initialFrameMax;
    private FrameWriter writer;
    private FrameHandler handler;
    private ScheduledFuture<?> handshakeDeadline;
    private boolean failed;
    private boolean closed;

    ConnectionHandler(FrameHandlerFactory factory, long initialFrameMax) {
        this.factory = factory;
        this.initialFrameMax = initialFrameMax;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        writer = new FrameWriter(ctx.channel(), initialFrameMax);
        handler = factory.create(writer, ctx.channel().remoteAddress());
        handshakeDeadline = ctx.executor().schedule(this::handshakeOverdue, AmqpServer.HANDSHAKE_TIMEOUT_MILLIS,
            TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    private void handshakeOverdue() {
        if (!closed && !writer.tuned()) {
            handler.peerSilent();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = FrameDecoder.decode(in, writer.frameMax(), true);
            if (frame != null) {
                handler.frameReceived(frame);
            }
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            handler.frameError(e.error());
        }
    }

    /**
     * Not the inherited behaviour, which asks for another read when nothing went down the pipeline
     * while auto-read is off: frames never go down the pipeline here, and auto-read is off only
     * while the connection pauses reading on purpose (memory, a blocked connection).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ProtocolHeaderHandler.HEADER_ACCEPTED) {
            handler.headerAccepted();
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                handler.peerSilent();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                handler.heartbeatDue();
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (handler != null) {
            handler.writabilityChanged(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx); // hands over the frames still buffered first
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
        }
        if (handler != null && !closed) {
            closed = true;
            handler.closed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("FP-T002 transport error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
