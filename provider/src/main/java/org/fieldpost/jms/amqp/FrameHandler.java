package org.fieldpost.jms.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.frame.FrameDecoder;

/**
 * The socket's inbound end: cuts frames out of the byte stream and hands them, and socket events, to
 * the {@link NettyConnection}. Runs on the I/O thread only.
 */
final class FrameHandler extends ByteToMessageDecoder {
    private final NettyConnection connection;

    FrameHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection.onActive();
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (ctx.channel().isActive()) {
                Frame frame = FrameDecoder.decode(in, connection.frameMax() == 0 ? 0 : connection.frameMax());
                if (frame == null) {
                    return;
                }
                connection.onFrame(frame);
            }
        } catch (ProtocolException e) {
            in.skipBytes(in.readableBytes());
            connection.onProtocolError(e.error());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        connection.onReadComplete();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.onSocketClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        connection.onWritabilityChanged(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.onIoError(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                connection.onMissedHeartbeats();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                connection.writeHeartbeat();
            }
            return;
        }
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            connection.onTlsHandshakeFailed(done.cause());
        }
        super.userEventTriggered(ctx, event);
    }
}
