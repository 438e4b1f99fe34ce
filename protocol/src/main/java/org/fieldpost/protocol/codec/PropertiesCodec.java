package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Collections;
import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;

/**
 * Encodes and decodes the property part of a {@code basic} content header (spec section 4.2.6.1):
 * a 16-bit property-flags word, highest bit first ({@code content-type} is bit 15 and
 * {@code cluster-id} bit 2; bit 0 says another flags word follows), then the present properties
 * in flag order. The class id, weight and body size that precede it belong to the header frame.
 *
 * <p>Thread-safe: no state.
 */
public final class PropertiesCodec {
    static final int CONTENT_TYPE = 1 << 15;
    static final int CONTENT_ENCODING = 1 << 14;
    static final int HEADERS = 1 << 13;
    static final int DELIVERY_MODE = 1 << 12;
    static final int PRIORITY = 1 << 11;
    static final int CORRELATION_ID = 1 << 10;
    static final int REPLY_TO = 1 << 9;
    static final int EXPIRATION = 1 << 8;
    static final int MESSAGE_ID = 1 << 7;
    static final int TIMESTAMP = 1 << 6;
    static final int TYPE = 1 << 5;
    static final int USER_ID = 1 << 4;
    static final int APP_ID = 1 << 3;
    static final int CLUSTER_ID = 1 << 2;
    static final int CONTINUATION = 1;
    /** Bit 1 belongs to no basic property. */
    private static final int UNUSED = 1 << 1;
    /** An empty field table: its 32-bit length, 0. */
    private static final int EMPTY_TABLE = 4;

    private PropertiesCodec() {
    }

    /**
     * The property flags and property list of {@code properties} as a new array, for a sender that
     * encodes a message's properties once and reuses them for every delivery.
     *
     * @throws IllegalArgumentException if a property does not fit its wire type (see
     *     {@link #write(BasicProperties, ByteBuf)})
     */
    public static byte[] encode(BasicProperties properties) {
        ByteBuf buffer = Unpooled.buffer(64);
        write(properties, buffer);
        return ByteBufUtil.getBytes(buffer);
    }

    /**
     * Writes the property flags and property list of {@code properties}; {@code null} is the same
     * as {@link BasicProperties#EMPTY}.
     *
     * @throws IllegalArgumentException if a shortstr property exceeds 255 UTF-8 octets, the
     *     delivery mode or priority is outside 0..255, or a header value has no field type;
     *     {@code out} is then left as it was
     */
    public static void write(BasicProperties properties, ByteBuf out) {
        BasicProperties p = properties == null ? BasicProperties.EMPTY : properties;
        int start = out.writerIndex();
        try {
            out.writeShort(flags(p));
            writeShortString(out, p.contentType(), "content-type");
            writeShortString(out, p.contentEncoding(), "content-encoding");
            if (p.headers() != null) {
                FieldTables.writeTable(p.headers(), out);
            }
            if (p.deliveryMode() != null) {
                Wire.writeOctet(out, p.deliveryMode(), "delivery-mode");
            }
            if (p.priority() != null) {
                Wire.writeOctet(out, p.priority(), "priority");
            }
            writeShortString(out, p.correlationId(), "correlation-id");
            writeShortString(out, p.replyTo(), "reply-to");
            writeShortString(out, p.expiration(), "expiration");
            writeShortString(out, p.messageId(), "message-id");
            if (p.timestamp() != null) {
                out.writeLong(p.timestamp());
            }
            writeShortString(out, p.type(), "type");
            writeShortString(out, p.userId(), "user-id");
            writeShortString(out, p.appId(), "app-id");
            writeShortString(out, p.clusterId(), "cluster-id");
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    private static void writeShortString(ByteBuf out, String value, String what) {
        if (value != null) {
            Wire.writeShortString(out, value, what);
        }
    }

    private static int flags(BasicProperties p) {
        return flag(p.contentType(), CONTENT_TYPE)
            | flag(p.contentEncoding(), CONTENT_ENCODING)
            | flag(p.headers(), HEADERS)
            | flag(p.deliveryMode(), DELIVERY_MODE)
            | flag(p.priority(), PRIORITY)
            | flag(p.correlationId(), CORRELATION_ID)
            | flag(p.replyTo(), REPLY_TO)
            | flag(p.expiration(), EXPIRATION)
            | flag(p.messageId(), MESSAGE_ID)
            | flag(p.timestamp(), TIMESTAMP)
            | flag(p.type(), TYPE)
            | flag(p.userId(), USER_ID)
            | flag(p.appId(), APP_ID)
            | flag(p.clusterId(), CLUSTER_ID);
    }

    private static int flag(Object value, int bit) {
        return value == null ? 0 : bit;
    }

    /**
     * Reads property flags and the properties they announce. Reading stops after the last
     * announced property; whether anything may follow is the caller's business.
     *
     * @throws ProtocolException 502 SYNTAX_ERROR if a property is truncated or malformed, or a
     *     flag is set that names no basic property (bit 1, or any bit of a continuation word)
     */
    public static BasicProperties decode(ByteBuf in) throws ProtocolException {
        return decode(in, null);
    }

    /**
     * Decodes properties that fill {@code encoded} exactly, an array the caller hands over and never
     * changes.
     *
     * @param lazyHeaders true to check the headers table now, exactly as {@link #decode(ByteBuf)}
     *     does, but decode it only when first used ({@link LazyFieldTable}): for a broker, which
     *     forwards most headers unread. A client, which reads them all, decodes them at once.
     * @throws ProtocolException 502 SYNTAX_ERROR as {@link #decode(ByteBuf)}, or if octets follow the
     *     last announced property
     */
    public static BasicProperties decode(byte[] encoded, boolean lazyHeaders) throws ProtocolException {
        ByteBuf in = Unpooled.wrappedBuffer(encoded);
        BasicProperties properties = decode(in, lazyHeaders ? encoded : null);
        if (in.isReadable()) {
            throw Wire.syntaxError(in.readableBytes() + " octets follow the last property");
        }
        return properties;
    }

    /** {@code wire}: the array {@code in} wraps from index 0, to keep headers lazily; else null. */
    private static BasicProperties decode(ByteBuf in, byte[] wire) throws ProtocolException {
        int flags = Wire.readShort(in);
        if ((flags & UNUSED) != 0) {
            throw Wire.syntaxError("content header sets property flag bit 1, which names no basic property");
        }
        int more = flags;
        while ((more & CONTINUATION) != 0) {
            more = Wire.readShort(in);
            if ((more & ~CONTINUATION) != 0) {
                throw Wire.syntaxError("content header sets property flags beyond the 14 basic properties");
            }
        }
        String contentType = readShortString(in, flags, CONTENT_TYPE);
        String contentEncoding = readShortString(in, flags, CONTENT_ENCODING);
        Map<String, Object> headers = (flags & HEADERS) != 0 ? readHeaders(in, wire) : null;
        Integer deliveryMode = (flags & DELIVERY_MODE) != 0 ? Wire.readOctet(in) : null;
        Integer priority = (flags & PRIORITY) != 0 ? Wire.readOctet(in) : null;
        String correlationId = readShortString(in, flags, CORRELATION_ID);
        String replyTo = readShortString(in, flags, REPLY_TO);
        String expiration = readShortString(in, flags, EXPIRATION);
        String messageId = readShortString(in, flags, MESSAGE_ID);
        Long timestamp = (flags & TIMESTAMP) != 0 ? Wire.readLongLong(in) : null;
        String type = readShortString(in, flags, TYPE);
        String userId = readShortString(in, flags, USER_ID);
        String appId = readShortString(in, flags, APP_ID);
        String clusterId = readShortString(in, flags, CLUSTER_ID);
        return new BasicProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
            replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    private static Map<String, Object> readHeaders(ByteBuf in, byte[] wire) throws ProtocolException {
        if (wire == null) {
            return FieldTables.readTable(in);
        }
        int start = in.readerIndex();
        FieldTables.skipTable(in);
        int length = in.readerIndex() - start;
        return length == EMPTY_TABLE ? Collections.emptyMap() : new LazyFieldTable(wire, start, length);
    }

    private static String readShortString(ByteBuf in, int flags, int bit) throws ProtocolException {
        return (flags & bit) != 0 ? Wire.readShortString(in) : null;
    }
}
