package org.fieldpost.protocol.frame;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.codec.MethodCodec;
import org.fieldpost.protocol.codec.MethodRegistry;
import org.fieldpost.protocol.codec.PropertiesCodec;
import org.fieldpost.protocol.method.AmqpMethod;

/**
 * Writes whole frames (spec section 4.2.3): method frames, heartbeats, and content as a method
 * frame, a header frame and body frames cut to fit frame-max (spec section 4.2.6).
 *
 * <p>Every method either writes whole frames or, when it throws, leaves {@code out} as it was.
 * All exceptions are programming errors of the caller; nothing here depends on peer input.
 *
 * <p>Thread-safe: no state.
 */
public final class FrameEncoder {
    private static final int MAX_CHANNEL = 0xFFFF;
    /** Class id, weight and body size, before the property flags. */
    private static final int HEADER_PREFIX = 12;

    private FrameEncoder() {
    }

    /**
     * Writes a method frame with no frame-max limit; once a connection is tuned, use
     * {@link #writeMethod(int, AmqpMethod, long, ByteBuf)}.
     *
     * @throws IllegalArgumentException if the channel is outside 0..65535 or the method cannot be
     *     encoded (see {@link MethodCodec#encode})
     */
    public static void writeMethod(int channel, AmqpMethod method, ByteBuf out) {
        writeMethod(channel, method, 0, out);
    }

    /**
     * Writes a method frame that must fit {@code frameMax}.
     *
     * @param frameMax the negotiated frame-max including the 8 octets of frame overhead, 0 for none
     * @throws IllegalArgumentException if the channel is outside 0..65535, {@code frameMax} is
     *     negative or leaves no room for a payload, the encoded frame exceeds it, or the method
     *     cannot be encoded (see {@link MethodCodec#encode})
     */
    public static void writeMethod(int channel, AmqpMethod method, long frameMax, ByteBuf out) {
        checkChannel(channel);
        long maxPayload = maxPayload(frameMax);
        int start = out.writerIndex();
        try {
            int sizeIndex = writeFrameHeader(FrameType.METHOD, channel, out);
            MethodCodec.encode(method, out);
            finishFrame(sizeIndex, maxPayload, method.methodName(), out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** Writes a heartbeat frame (type 8, channel 0, no payload). */
    public static void writeHeartbeat(ByteBuf out) {
        out.writeByte(FrameType.HEARTBEAT);
        out.writeShort(0);
        out.writeInt(0);
        out.writeByte(FrameType.FRAME_END);
    }

    /**
     * Writes a content-carrying method followed by its content: the method frame, a header frame
     * (the method's class, weight 0, the body size, {@code encodedProperties}), and body frames of
     * at most {@code frameMax - 8} octets each; an empty body has no body frame.
     *
     * @param encodedProperties property flags and property list, as made by
     *     {@link PropertiesCodec#encode(BasicProperties)} or received in a header frame
     * @param frameMax the negotiated frame-max including the 8 octets of frame overhead, 0 for none
     * @throws IllegalArgumentException if the method is not registered or carries no content, the channel is outside
     *     1..65535, {@code frameMax} is negative or leaves no room for a payload, the method or
     *     header frame exceeds it, or the method cannot be encoded
     * @throws NullPointerException if {@code encodedProperties} or {@code body} is null
     */
    public static void writeContent(int channel, AmqpMethod method, byte[] encodedProperties, byte[] body,
        long frameMax, ByteBuf out) {
        Objects.requireNonNull(encodedProperties, "encodedProperties");
        writeContent(channel, method, encodedProperties, null, body, frameMax, out);
    }

    /**
     * Writes a content-carrying method and its content, encoding {@code properties} straight into
     * the header frame; see {@link #writeContent(int, AmqpMethod, byte[], byte[], long, ByteBuf)}.
     *
     * @throws IllegalArgumentException as that method does, or if a property does not fit its wire
     *     type (see {@link PropertiesCodec#write})
     */
    public static void writeContent(int channel, AmqpMethod method, BasicProperties properties, byte[] body,
        long frameMax, ByteBuf out) {
        writeContent(channel, method, null, properties, body, frameMax, out);
    }

    /** The header frame carries {@code encodedProperties} when given, else {@code properties} encoded in place. */
    private static void writeContent(int channel, AmqpMethod method, byte[] encodedProperties,
        BasicProperties properties, byte[] body, long frameMax, ByteBuf out) {
        Objects.requireNonNull(body, "body");
        if (!MethodRegistry.isRegistered(method.getClass())) {
            throw new IllegalArgumentException(method.getClass().getName() + " is not registered in MethodRegistry");
        }
        if (!method.hasContent()) {
            throw new IllegalArgumentException(method.methodName() + " carries no content");
        }
        if (channel == 0) {
            throw new IllegalArgumentException("content cannot travel on channel 0");
        }
        int start = out.writerIndex();
        try {
            writeMethod(channel, method, frameMax, out);
            long maxPayload = maxPayload(frameMax);
            int sizeIndex = writeFrameHeader(FrameType.HEADER, channel, out);
            out.writeShort(method.classId());
            out.writeShort(0);
            out.writeLong(body.length);
            if (encodedProperties != null) {
                out.writeBytes(encodedProperties);
            } else {
                PropertiesCodec.write(properties, out);
            }
            finishFrame(sizeIndex, maxPayload, "content header", out);
            writeBody(channel, body, maxPayload, out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    private static void writeBody(int channel, byte[] body, long maxPayload, ByteBuf out) {
        int chunk = (int) Math.min(maxPayload, body.length);
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            out.writeByte(FrameType.BODY);
            out.writeShort(channel);
            out.writeInt(length);
            out.writeBytes(body, offset, length);
            out.writeByte(FrameType.FRAME_END);
        }
    }

    /** Writes type and channel and reserves the size; returns the size's index. */
    private static int writeFrameHeader(int type, int channel, ByteBuf out) {
        out.writeByte(type);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        return sizeIndex;
    }

    private static void finishFrame(int sizeIndex, long maxPayload, String what, ByteBuf out) {
        long size = out.writerIndex() - sizeIndex - 4L;
        if (size > maxPayload) {
            throw new IllegalArgumentException(what + " frame payload of " + size + " octets exceeds the "
                + maxPayload + " that frame-max allows");
        }
        out.setInt(sizeIndex, (int) size);
        out.writeByte(FrameType.FRAME_END);
    }

    private static long maxPayload(long frameMax) {
        if (frameMax < 0 || (frameMax > 0 && frameMax <= FrameType.OVERHEAD)) {
            throw new IllegalArgumentException("frameMax " + frameMax + " leaves no room for a payload");
        }
        return frameMax == 0 ? FrameDecoder.MAX_PAYLOAD : Math.min(frameMax - FrameType.OVERHEAD,
            FrameDecoder.MAX_PAYLOAD);
    }

    private static void checkChannel(int channel) {
        if (channel < 0 || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException("channel " + channel + " is outside 0..65535");
        }
    }
}
