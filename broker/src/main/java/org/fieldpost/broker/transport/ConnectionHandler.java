package org.fieldpost.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.fieldpost.protocol.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapts Netty's events for one socket to a {@link FrameHandler}. */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final FrameHandlerFactory factory;
    private final long initialFrameMax;
    private FrameHandler handler;
    private boolean closed;

    ConnectionHandler(FrameHandlerFactory factory, long initialFrameMax) {
        this.factory = factory;
        this.initialFrameMax = initialFrameMax;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FrameWriter writer = new FrameWriter(ctx.channel(), initialFrameMax);
        handler = factory.create(writer, ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            handler.frameReceived(frame);
        } else if (msg instanceof FrameError error) {
            handler.frameError(error.error());
        } else {
            LOG.warn("FP-T001 unexpected pipeline message {}", msg.getClass().getName());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ProtocolHeaderHandler.HEADER_ACCEPTED) {
            handler.headerAccepted();
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                handler.peerSilent();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                handler.heartbeatDue();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (handler != null) {
            handler.writabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handler != null && !closed) {
            closed = true;
            handler.closed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("FP-T002 transport error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
