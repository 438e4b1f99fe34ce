package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/**
 * Bounds-checked reads and range-checked writes of the AMQP primitive types (spec section
 * 4.2.5). Reads never let an {@link IndexOutOfBoundsException} escape: a value that does not fit
 * in what is left of the buffer is a {@link ReplyCode#SYNTAX_ERROR}. Writes reject values that do
 * not fit their wire type with an {@link IllegalArgumentException}, because the caller built them.
 */
final class Wire {
    static final int SHORTSTR_MAX = 255;
    static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

    private Wire() {
    }

    static ProtocolException syntaxError(String text) {
        return new ProtocolException(ReplyCode.SYNTAX_ERROR, text);
    }

    /** Fails with 502 unless {@code n} octets are readable. */
    static void require(ByteBuf in, long n, String what) throws ProtocolException {
        if (in.readableBytes() < n) {
            throw syntaxError("truncated " + what + ": needs " + n + " octets, " + in.readableBytes() + " left");
        }
    }

    static int readOctet(ByteBuf in) throws ProtocolException {
        require(in, 1, "octet");
        return in.readUnsignedByte();
    }

    static int readShort(ByteBuf in) throws ProtocolException {
        require(in, 2, "short");
        return in.readUnsignedShort();
    }

    static long readLong(ByteBuf in) throws ProtocolException {
        require(in, 4, "long");
        return in.readUnsignedInt();
    }

    static long readLongLong(ByteBuf in) throws ProtocolException {
        require(in, 8, "longlong");
        return in.readLong();
    }

    /** A shortstr; its octets must be well-formed UTF-8, so that re-encoding gives the same octets. */
    static String readShortString(ByteBuf in) throws ProtocolException {
        int length = readOctet(in);
        require(in, length, "shortstr");
        String value = decodeStrictUtf8(in, in.readerIndex(), length);
        in.skipBytes(length);
        return value;
    }

    /**
     * Checks and steps over a shortstr as {@link #readShortString} would read it, building no string:
     * the same errors for the same octets.
     */
    static void skipShortString(ByteBuf in) throws ProtocolException {
        int length = readOctet(in);
        require(in, length, "shortstr");
        if (!in.hasArray() || !isAscii(in.array(), in.arrayOffset() + in.readerIndex(), length)) {
            decodeStrictUtf8(in, in.readerIndex(), length);
        }
        in.skipBytes(length);
    }

    /** Checks and steps over a longstr as {@link #readLongStringBytes} would read it. */
    static void skipLongString(ByteBuf in) throws ProtocolException {
        in.skipBytes(readLongStringLength(in));
    }

    private static boolean isAscii(byte[] bytes, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] readLongStringBytes(ByteBuf in) throws ProtocolException {
        int length = readLongStringLength(in);
        byte[] value = new byte[length];
        in.readBytes(value);
        return value;
    }

    /** A longstr decoded as UTF-8, replacing malformed input (clients put binary data in 'S' values). */
    static String readLongStringText(ByteBuf in) throws ProtocolException {
        int length = readLongStringLength(in);
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private static int readLongStringLength(ByteBuf in) throws ProtocolException {
        long length = readLong(in);
        require(in, length, "longstr");
        return (int) length;
    }

    /**
     * Copies the bytes out once and scans the copy: reading them one {@code getByte} at a time went
     * through the buffer's bounds and reference-count checks (and a leak detector's wrapper) per
     * byte, the largest single cost of decoding a message's properties.
     */
    private static String decodeStrictUtf8(ByteBuf in, int index, int length) throws ProtocolException {
        if (length == 0) {
            return "";
        }
        byte[] bytes = new byte[length];
        in.getBytes(index, bytes);
        for (byte b : bytes) {
            if (b < 0) {
                return decodeNonAscii(bytes);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1); // all ASCII, which Latin-1 maps one to one
    }

    private static String decodeNonAscii(byte[] bytes) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            throw syntaxError("shortstr is not well-formed UTF-8");
        }
    }

    static void writeOctet(ByteBuf out, int value, String what) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(what + " = " + value + " does not fit an octet (0..255)");
        }
        out.writeByte(value);
    }

    static void writeShort(ByteBuf out, int value, String what) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(what + " = " + value + " does not fit a short (0..65535)");
        }
        out.writeShort(value);
    }

    static void writeLong(ByteBuf out, long value, String what) {
        if ((value & ~UNSIGNED_INT_MAX) != 0) {
            throw new IllegalArgumentException(what + " = " + value + " does not fit a long (0..4294967295)");
        }
        out.writeInt((int) value);
    }

    /** Writes a shortstr; {@code null} is written as the empty string. */
    static void writeShortString(ByteBuf out, String value, String what) {
        if (value == null || value.isEmpty()) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8); // a copy for ASCII, on the JDK's fast path
        if (bytes.length > SHORTSTR_MAX) {
            throw new IllegalArgumentException(what + " is " + bytes.length
                + " UTF-8 octets; a shortstr holds at most 255");
        }
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** Writes a longstr; {@code null} is written as the empty string. */
    static void writeLongString(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    /**
     * Writes a longstr. Encoding with {@link String#getBytes} and writing the bytes in one copy beats
     * counting and writing character by character through the buffer, most of all before the JIT
     * has compiled those loops.
     */
    static void writeLongString(ByteBuf out, String value) {
        writeLongString(out, value.getBytes(StandardCharsets.UTF_8));
    }
}
