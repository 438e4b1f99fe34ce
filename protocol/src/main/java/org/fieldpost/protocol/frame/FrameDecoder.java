package org.fieldpost.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.codec.MethodCodec;
import org.fieldpost.protocol.codec.PropertiesCodec;
import org.fieldpost.protocol.method.AmqpBasic;

/**
 * Cuts frames out of a byte stream and decodes them strictly (spec sections 4.2.3 to 4.2.7).
 *
 * <p>Any input either yields a {@link Frame}, yields {@code null} (not a whole frame yet), or
 * fails with a {@link ProtocolException}; no unchecked exception escapes for any octets. Every
 * error is a hard error, so after one the connection must be closed and the buffer's reader
 * index is unspecified:
 * <ul>
 *   <li>501 FRAME_ERROR: a frame type other than 1, 2, 3 or 8; a frame-end octet other than
 *       0xCE; a size above {@code frameMax - 8} (reported as soon as the 7-octet frame header has
 *       arrived, without buffering the payload); a heartbeat on a channel other than 0 or with a
 *       payload.</li>
 *   <li>502 SYNTAX_ERROR: a method or content header payload that is truncated, malformed
 *       (e.g. a shortstr that is not UTF-8, an unknown field-table type), or followed by extra
 *       octets; a content header with a non-zero weight or a body size above 2^63-1.</li>
 *   <li>505 UNEXPECTED_FRAME: a content header for a class other than {@code basic}.</li>
 *   <li>540 NOT_IMPLEMENTED: a method whose class and method id are not registered (the error
 *       carries both ids).</li>
 * </ul>
 * Channel numbers are not checked beyond the heartbeat rule: which channel may carry what is the
 * connection's business.
 *
 * <p>Every payload is copied out of the input into an array first, and decoded from there (a
 * method through a heap buffer over that array; a content header's 12-octet prefix is read in
 * place, its encoded properties copied). The codecs thus always read one kind of buffer,
 * whatever the input is: a pooled direct buffer, a slice of one, a composite, or the wrapper that
 * Netty's leak detector puts around one allocation in so many. Reading several kinds through the
 * same calls made the JIT compile the codecs for one kind, throw that code away when a sampled
 * wrapper came by, and compile them again. With that decoding, turning leak sampling off raised
 * transacted batches of 100 by 15% (medians of 5 alternating pairs); with this one it makes no
 * difference (benchmarks README, session 15). Bodies and content headers were copied into arrays
 * before as well; a method frame, some dozens of octets, is the one extra copy.
 *
 * <p>Thread-safe: no state.
 */
public final class FrameDecoder {
    /** The largest payload a frame may declare when no frame-max applies (it must fit one array). */
    static final long MAX_PAYLOAD = Integer.MAX_VALUE - FrameType.OVERHEAD;
    /** Class id, weight and body size, before the property flags. */
    private static final int HEADER_PREFIX = 12;
    private static final byte[] NO_OCTETS = new byte[0];

    private FrameDecoder() {
    }

    /**
     * Decodes the next frame in {@code in}. When {@code in} holds a whole frame, exactly that frame
     * is consumed; the result shares no memory with {@code in}, which the caller may release.
     *
     * @param frameMax the negotiated frame-max (the largest frame including its 8 octets of
     *     overhead), or 0 for no limit; before tuning, pass the limit offered in
     *     {@code connection.tune}
     * @return the frame, or {@code null} when {@code in} does not hold a whole frame yet, in which
     *     case its reader index is unchanged
     * @throws ProtocolException with the reply codes listed in the class description
     * @throws IllegalArgumentException if {@code frameMax} is negative
     */
    public static Frame decode(ByteBuf in, long frameMax) throws ProtocolException {
        return decode(in, frameMax, false);
    }

    /**
     * As {@link #decode(ByteBuf, long)}; with {@code lazyHeaders} a content header's headers table is
     * checked at once but decoded on first use (see {@link PropertiesCodec#decode(byte[], boolean)}).
     */
    public static Frame decode(ByteBuf in, long frameMax, boolean lazyHeaders) throws ProtocolException {
        if (frameMax < 0) {
            throw new IllegalArgumentException("frameMax " + frameMax + " < 0");
        }
        if (in.readableBytes() < FrameType.HEADER_SIZE) {
            return null;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        int channel = in.getUnsignedShort(start + 1);
        long size = in.getUnsignedInt(start + 3);
        checkFrameHeader(type, channel, size, frameMax);
        if (in.readableBytes() < FrameType.OVERHEAD + size) {
            return null;
        }
        int end = in.getUnsignedByte(start + FrameType.HEADER_SIZE + (int) size);
        if (end != FrameType.FRAME_END) {
            throw frameError(String.format("frame-end octet is 0x%02x, not 0xce", end));
        }
        in.skipBytes(FrameType.HEADER_SIZE);
        if (type == FrameType.HEADER) {
            return decodeHeader(channel, in, (int) size, lazyHeaders);
        }
        byte[] payload = size == 0 ? NO_OCTETS : new byte[(int) size];
        in.readBytes(payload);
        in.skipBytes(1);
        return decodePayload(type, channel, payload, lazyHeaders);
    }

    private static void checkFrameHeader(int type, int channel, long size, long frameMax) throws ProtocolException {
        if (type != FrameType.METHOD && type != FrameType.HEADER && type != FrameType.BODY
            && type != FrameType.HEARTBEAT) {
            throw frameError("unknown frame type " + type);
        }
        if (frameMax > 0 && size > frameMax - FrameType.OVERHEAD) {
            throw frameError("frame of " + (size + FrameType.OVERHEAD) + " octets exceeds frame-max " + frameMax);
        }
        if (size > MAX_PAYLOAD) {
            throw frameError("frame payload of " + size + " octets is too large");
        }
        if (type == FrameType.HEARTBEAT && channel != 0) {
            throw frameError("heartbeat frame on channel " + channel + "; heartbeats belong to channel 0");
        }
        if (type == FrameType.HEARTBEAT && size != 0) {
            throw frameError("heartbeat frame with a payload of " + size + " octets");
        }
    }

    private static Frame decodePayload(int type, int channel, byte[] payload, boolean lazyHeaders)
        throws ProtocolException {
        switch (type) {
            case FrameType.METHOD:
                return new Frame.MethodFrame(channel, MethodCodec.decode(Unpooled.wrappedBuffer(payload)));
            case FrameType.BODY:
                return new Frame.BodyFrame(channel, payload);
            default:
                return Frame.HeartbeatFrame.INSTANCE;
        }
    }

    /**
     * Consumes a content header's payload of {@code size} octets and its frame-end from {@code in}:
     * the fixed prefix is read in place, the encoded properties are the one copy.
     */
    private static Frame.HeaderFrame decodeHeader(int channel, ByteBuf in, int size, boolean lazyHeaders)
        throws ProtocolException {
        if (size < HEADER_PREFIX) {
            in.skipBytes(size + 1);
            throw syntaxError("content header of " + size + " octets is truncated");
        }
        int classId = in.readUnsignedShort();
        int weight = in.readUnsignedShort();
        long bodySize = in.readLong();
        // The frame's encoded properties, which lazy headers decode from when first used.
        byte[] encoded = size == HEADER_PREFIX ? NO_OCTETS : new byte[size - HEADER_PREFIX];
        in.readBytes(encoded);
        in.skipBytes(1);
        if (classId != AmqpBasic.CLASS_ID) {
            throw new ProtocolException(ReplyCode.UNEXPECTED_FRAME,
                "content header for class " + classId + "; only basic (60) carries content");
        }
        // Spec 4.2.6.1: "The weight field is unused and must be zero."
        if (weight != 0) {
            throw syntaxError("content header weight is " + weight + ", must be 0");
        }
        if (bodySize < 0) {
            throw syntaxError("content body size " + Long.toUnsignedString(bodySize) + " exceeds 2^63-1");
        }
        BasicProperties properties;
        try {
            properties = PropertiesCodec.decode(encoded, lazyHeaders);
        } catch (ProtocolException e) {
            throw syntaxError("content header properties: " + e.error().text());
        }
        return new Frame.HeaderFrame(channel, classId, bodySize, properties, encoded);
    }

    private static ProtocolException frameError(String text) {
        return new ProtocolException(ReplyCode.FRAME_ERROR, text);
    }

    private static ProtocolException syntaxError(String text) {
        return new ProtocolException(ReplyCode.SYNTAX_ERROR, text);
    }
}
