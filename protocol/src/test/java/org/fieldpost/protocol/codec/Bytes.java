package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test helpers to write expected octets as hex and to read a buffer's content. */
public final class Bytes {

    private Bytes() {
    }

    /** Octets from hex, ignoring spaces: {@code hex("00 3c 00 28")}. */
    public static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    /** A buffer holding the octets of {@code hex}. */
    public static ByteBuf buffer(String hex) {
        return Unpooled.wrappedBuffer(hex(hex));
    }

    /** The readable octets of {@code buf} as lower-case hex without separators. */
    public static String hexOf(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    /** {@code text} as hex of its ASCII octets. */
    public static String ascii(String text) {
        return ByteBufUtil.hexDump(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
