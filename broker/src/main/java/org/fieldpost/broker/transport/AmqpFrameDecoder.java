package org.fieldpost.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.frame.FrameDecoder;

/**
 * Turns bytes into {@link org.fieldpost.protocol.frame.Frame}s. A malformed frame becomes one
 * {@link FrameError} message and every byte after it is discarded: after a framing error the
 * stream cannot be resynchronised, so the connection handler closes the connection.
 *
 * <p>Concurrency: confined to the connection's event loop; {@link #frameMax(long)} is called there
 * too, after {@code connection.tune-ok}.
 */
final class AmqpFrameDecoder extends ByteToMessageDecoder {
    private long frameMax;
    private boolean failed;

    AmqpFrameDecoder(long frameMax) {
        this.frameMax = frameMax;
    }

    /** Sets the negotiated frame-max; frames larger than it are framing errors. */
    void frameMax(long value) {
        this.frameMax = value;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Object frame = FrameDecoder.decode(in, frameMax, true);
            if (frame != null) {
                out.add(frame);
            }
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            out.add(new FrameError(e.error()));
        }
    }
}
