package org.fieldpost.protocol.frame;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The protocol header a client sends before its first frame, {@code "AMQP" 0 0 9 1} (spec
 * section 4.2.2). A server that does not accept the header it receives writes {@link #write its
 * own} and closes the socket.
 *
 * <p>Thread-safe: no state.
 */
public final class ProtocolHeader {
    /** The header's length in octets. */
    public static final int LENGTH = 8;
    /** The protocol version this header names, as {@code connection.start} announces it: 0-9(-1). */
    public static final int VERSION_MAJOR = 0;
    public static final int VERSION_MINOR = 9;
    public static final int REVISION = 1;

    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, VERSION_MAJOR, VERSION_MINOR, REVISION};

    /** What the first octets of a connection say. */
    public enum Match {
        /** Fewer than {@link #LENGTH} octets, all agreeing with the supported header so far. */
        INCOMPLETE,
        /** The AMQP 0-9-1 header. */
        SUPPORTED,
        /** Anything else: another protocol or version; answer with {@link #write} and close. */
        UNSUPPORTED
    }

    private ProtocolHeader() {
    }

    /** A fresh copy of the supported header's octets. */
    public static byte[] bytes() {
        return AMQP_0_9_1.clone();
    }

    /** Writes the supported header to {@code out}. */
    public static void write(ByteBuf out) {
        out.writeBytes(AMQP_0_9_1);
    }

    /**
     * Checks the readable octets of {@code in} against the supported header without consuming
     * them; a mismatch is reported as soon as the first differing octet has arrived. On
     * {@link Match#SUPPORTED} the caller skips {@link #LENGTH} octets.
     */
    public static Match check(ByteBuf in) {
        int available = Math.min(in.readableBytes(), LENGTH);
        for (int i = 0; i < available; i++) {
            if (in.getByte(in.readerIndex() + i) != AMQP_0_9_1[i]) {
                return Match.UNSUPPORTED;
            }
        }
        return available == LENGTH ? Match.SUPPORTED : Match.INCOMPLETE;
    }

    /** Whether {@code header} is exactly the supported 8-octet header. */
    public static boolean isSupported(byte[] header) {
        return Arrays.equals(header, AMQP_0_9_1);
    }
}
