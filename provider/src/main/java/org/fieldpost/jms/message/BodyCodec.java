package org.fieldpost.jms.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import jakarta.jms.MessageFormatException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.codec.FieldTables;

/**
 * The typed bodies of map and stream messages as AMQP field tables and arrays (the
 * {@link FieldTables} encoding, so any AMQP library can read them), and what becomes of wire values
 * JMS has no type for.
 *
 * <ul>
 *   <li>MapMessage: one field table, 4-byte length first, the entries in insertion order.</li>
 *   <li>StreamMessage: one field array, 4-byte length first, the fields in order.</li>
 *   <li>boolean, byte, short, int, long, float, double, String, byte[] and null are the table types
 *       {@code t b s I l f d S x V}.</li>
 *   <li>char, which AMQP lacks, is a one-entry table {@code {"char": I(code unit)}}; a JMS body never
 *       holds a table otherwise, so the form is unambiguous.</li>
 * </ul>
 *
 * <p>Values JMS has no type for (from plain AMQP peers): the unsigned wire types arrive as the next
 * wider signed type; decimals become their plain string; timestamps their ISO-8601 string; nested
 * tables and arrays their {@code toString()}; in headers, byte arrays are dropped (a property cannot
 * be a byte[]). Thread-safe: no state.
 */
final class BodyCodec {
    /** What {@link #jmsValue} returns for a value to leave out. */
    static final Object SKIP = new Object();
    /** The key of the one-entry field table that stands for a {@code char} in map and stream bodies. */
    private static final String CHAR_KEY = "char";

    private BodyCodec() {
    }

    static byte[] encodeMap(Map<String, Object> entries) throws MessageFormatException {
        Map<String, Object> table = new LinkedHashMap<>();
        entries.forEach((name, value) -> table.put(name, wireValue(value)));
        ByteBuf out = Unpooled.buffer();
        try {
            FieldTables.writeTable(table, out);
            return ByteBufUtil.getBytes(out);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("MapMessage cannot be encoded: " + e.getMessage());
        } finally {
            out.release();
        }
    }

    static byte[] encodeStream(List<Object> items) throws MessageFormatException {
        List<Object> array = new ArrayList<>(items.size());
        items.forEach(item -> array.add(wireValue(item)));
        ByteBuf out = Unpooled.buffer();
        try {
            FieldTables.writeArray(array, out);
            return ByteBufUtil.getBytes(out);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("StreamMessage cannot be encoded: " + e.getMessage());
        } finally {
            out.release();
        }
    }

    /** The entries, or {@code null} if the body is not exactly one well-formed field table. */
    static Map<String, Object> decodeMap(byte[] body) {
        ByteBuf in = Unpooled.wrappedBuffer(body);
        Map<String, Object> table;
        try {
            table = FieldTables.readTable(in);
        } catch (ProtocolException malformed) {
            return null;
        }
        if (in.isReadable()) {
            return null;
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        table.forEach((name, value) -> entries.put(name, jmsValue(value, true)));
        return entries;
    }

    /** The fields, or {@code null} if the body is not exactly one well-formed field array. */
    static List<Object> decodeStream(byte[] body) {
        ByteBuf in = Unpooled.wrappedBuffer(body);
        List<Object> array;
        try {
            array = FieldTables.readArray(in);
        } catch (ProtocolException malformed) {
            return null;
        }
        if (in.isReadable()) {
            return null;
        }
        List<Object> items = new ArrayList<>(array.size());
        array.forEach(value -> items.add(jmsValue(value, true)));
        return items;
    }

    /**
     * A decoded wire value as a JMS value: a map or stream field ({@code inBody}) or a property.
     *
     * @return the value, or {@link #SKIP} for a byte[] property
     */
    static Object jmsValue(Object value, boolean inBody) {
        if (value == null || TypeConversions.isPropertyType(value)) {
            return value;
        }
        if (value instanceof byte[]) {
            return inBody ? value : SKIP;
        }
        if (inBody && value instanceof Map<?, ?> map && map.size() == 1
            && map.get(CHAR_KEY) instanceof Number code) {
            return (char) code.intValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return value.toString();
    }

    private static Object wireValue(Object value) {
        return value instanceof Character c ? Map.of(CHAR_KEY, (int) c) : value;
    }
}
