package org.fieldpost.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.fieldpost.protocol.frame.ProtocolHeader;

/**
 * Reads the 8-byte protocol header a client sends first (spec section 4.2.2). On the supported
 * header it removes itself, so the frame decoder behind it sees the following bytes, and fires
 * {@link HeaderAccepted}; otherwise it answers with the header the broker supports and closes the
 * socket, as the spec requires.
 */
final class ProtocolHeaderHandler extends ByteToMessageDecoder {

    /** The user event fired once a client has sent the supported protocol header. */
    static final Object HEADER_ACCEPTED = new HeaderAccepted();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < ProtocolHeader.LENGTH) {
            return;
        }
        byte[] header = new byte[ProtocolHeader.LENGTH];
        in.readBytes(header);
        if (ProtocolHeader.isSupported(header)) {
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(HEADER_ACCEPTED);
        } else {
            in.skipBytes(in.readableBytes());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtocolHeader.bytes())).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Marker type of {@link #HEADER_ACCEPTED}. */
    static final class HeaderAccepted {
        @Override
        public String toString() {
            return "protocol header accepted";
        }
    }
}
