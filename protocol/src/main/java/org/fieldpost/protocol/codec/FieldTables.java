package org.fieldpost.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.ProtocolException;

/**
 * Reads and writes AMQP field tables and field arrays with the value types RabbitMQ and its
 * clients use (RabbitMQ's errata to spec section 4.2.5.5, which differs from the spec's own table).
 *
 * <table>
 *   <caption>Value types</caption>
 *   <tr><th>octet</th><th>wire type</th><th>decoded as</th><th>encoded from</th></tr>
 *   <tr><td>t</td><td>boolean octet</td><td>Boolean</td><td>Boolean</td></tr>
 *   <tr><td>b</td><td>signed 8-bit</td><td>Byte</td><td>Byte</td></tr>
 *   <tr><td>B</td><td>unsigned 8-bit</td><td>Short</td><td>(written as s)</td></tr>
 *   <tr><td>s</td><td>signed 16-bit</td><td>Short</td><td>Short</td></tr>
 *   <tr><td>u</td><td>unsigned 16-bit</td><td>Integer</td><td>(written as I)</td></tr>
 *   <tr><td>I</td><td>signed 32-bit</td><td>Integer</td><td>Integer</td></tr>
 *   <tr><td>i</td><td>unsigned 32-bit</td><td>Long</td><td>(written as l)</td></tr>
 *   <tr><td>l</td><td>signed 64-bit</td><td>Long</td><td>Long</td></tr>
 *   <tr><td>f</td><td>IEEE-754 single</td><td>Float</td><td>Float</td></tr>
 *   <tr><td>d</td><td>IEEE-754 double</td><td>Double</td><td>Double</td></tr>
 *   <tr><td>D</td><td>scale octet + signed 32-bit</td><td>BigDecimal</td><td>BigDecimal</td></tr>
 *   <tr><td>S</td><td>longstr</td><td>String (UTF-8)</td><td>String</td></tr>
 *   <tr><td>x</td><td>longstr</td><td>byte[]</td><td>byte[]</td></tr>
 *   <tr><td>A</td><td>field array</td><td>List&lt;Object&gt;</td><td>List or Object[]</td></tr>
 *   <tr><td>T</td><td>64-bit seconds</td><td>java.util.Date</td><td>Date (sub-second part dropped)</td></tr>
 *   <tr><td>F</td><td>field table</td><td>Map&lt;String, Object&gt;</td><td>Map with String keys</td></tr>
 *   <tr><td>V</td><td>no value</td><td>null</td><td>null</td></tr>
 * </table>
 *
 * <p>Decoded tables keep wire order and are unmodifiable, as are decoded arrays; a repeated field
 * name keeps its last value. An 'S' value that is not well-formed UTF-8 decodes with replacement
 * characters (some clients send binary data as 'S'); field names must be well-formed UTF-8.
 * Tables and arrays nest at most {@value #MAX_DEPTH} levels deep, which bounds the stack a hostile
 * peer can make the decoder use.
 *
 * <p>Thread-safe: no state.
 */
public final class FieldTables {
    /** The deepest nesting of tables and arrays accepted on read and write. */
    public static final int MAX_DEPTH = 64;

    private FieldTables() {
    }

    /**
     * Reads a field table: a 32-bit length and that many octets of name/value pairs.
     *
     * @return an unmodifiable map in wire order, never {@code null}
     * @throws ProtocolException 502 SYNTAX_ERROR if the table is truncated, holds an unknown value
     *     type, a field name that is not UTF-8, an out-of-range timestamp, or nests too deeply
     */
    public static Map<String, Object> readTable(ByteBuf in) throws ProtocolException {
        return readTable(in, 1);
    }

    /**
     * Reads a field array: a 32-bit length and that many octets of values.
     *
     * @return an unmodifiable list, never {@code null}
     * @throws ProtocolException 502 SYNTAX_ERROR as for {@link #readTable(ByteBuf)}
     */
    public static List<Object> readArray(ByteBuf in) throws ProtocolException {
        return readArray(in, 1);
    }

    /**
     * Checks a field table exactly as {@link #readTable(ByteBuf)} reads it, the same errors for the
     * same octets, and steps over it without building the map: how a receiver validates a table it
     * decodes later, or never ({@link LazyFieldTable}).
     *
     * @throws ProtocolException 502 SYNTAX_ERROR where {@link #readTable(ByteBuf)} throws it
     */
    public static void skipTable(ByteBuf in) throws ProtocolException {
        skipTable(in, 1);
    }

    /**
     * Writes a field table; {@code null} is written as an empty table.
     *
     * @throws IllegalArgumentException if a value (at any depth) has no field type, a nested map has
     *     a key that is not a String, a name exceeds 255 UTF-8 octets, a BigDecimal does not fit the
     *     'D' encoding, or nesting exceeds {@value #MAX_DEPTH}; {@code out} is then left as it was
     */
    public static void writeTable(Map<String, ?> table, ByteBuf out) {
        int start = out.writerIndex();
        try {
            writeTable(table, out, 1);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * Writes a field array; {@code null} is written as an empty array.
     *
     * @throws IllegalArgumentException as for {@link #writeTable(Map, ByteBuf)}
     */
    public static void writeArray(List<?> values, ByteBuf out) {
        int start = out.writerIndex();
        try {
            writeArray(values, out, 1);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    private static Map<String, Object> readTable(ByteBuf in, int depth) throws ProtocolException {
        checkReadDepth(depth);
        long length = Wire.readLong(in);
        Wire.require(in, length, "field table");
        if (length == 0) {
            return Collections.emptyMap();
        }
        ByteBuf entries = in.readSlice((int) length);
        Map<String, Object> table = new LinkedHashMap<>();
        while (entries.isReadable()) {
            String name = Wire.readShortString(entries);
            table.put(name, readValue(entries, depth));
        }
        return Collections.unmodifiableMap(table);
    }

    private static List<Object> readArray(ByteBuf in, int depth) throws ProtocolException {
        checkReadDepth(depth);
        long length = Wire.readLong(in);
        Wire.require(in, length, "field array");
        if (length == 0) {
            return Collections.emptyList();
        }
        ByteBuf values = in.readSlice((int) length);
        List<Object> array = new ArrayList<>();
        while (values.isReadable()) {
            array.add(readValue(values, depth));
        }
        return Collections.unmodifiableList(array);
    }

    private static void skipTable(ByteBuf in, int depth) throws ProtocolException {
        checkReadDepth(depth);
        long length = Wire.readLong(in);
        Wire.require(in, length, "field table");
        ByteBuf entries = in.readSlice((int) length);
        while (entries.isReadable()) {
            Wire.skipShortString(entries);
            skipValue(entries, depth);
        }
    }

    private static void skipArray(ByteBuf in, int depth) throws ProtocolException {
        checkReadDepth(depth);
        long length = Wire.readLong(in);
        Wire.require(in, length, "field array");
        ByteBuf values = in.readSlice((int) length);
        while (values.isReadable()) {
            skipValue(values, depth);
        }
    }

    /** Steps over one value; each case fails as the same case of {@link #readValue} does. */
    static void skipValue(ByteBuf in, int depth) throws ProtocolException {
        int type = Wire.readOctet(in);
        switch (type) {
            case 't', 'B' -> Wire.readOctet(in);
            case 'b' -> skipFixed(in, 1, "byte value");
            case 's' -> skipFixed(in, 2, "short value");
            case 'u' -> Wire.readShort(in);
            case 'I' -> skipFixed(in, 4, "int value");
            case 'i' -> Wire.readLong(in);
            case 'l' -> Wire.readLongLong(in);
            case 'f' -> skipFixed(in, 4, "float value");
            case 'd' -> skipFixed(in, 8, "double value");
            case 'D' -> skipFixed(in, 5, "decimal value");
            case 'S', 'x' -> Wire.skipLongString(in);
            case 'A' -> skipArray(in, depth + 1);
            case 'T' -> checkTimestamp(Wire.readLongLong(in));
            case 'F' -> skipTable(in, depth + 1);
            case 'V' -> {
            }
            default -> throw Wire.syntaxError(String.format("unknown field value type 0x%02x", type));
        }
    }

    private static void skipFixed(ByteBuf in, int octets, String what) throws ProtocolException {
        Wire.require(in, octets, what);
        in.skipBytes(octets);
    }

    private static void checkReadDepth(int depth) throws ProtocolException {
        if (depth > MAX_DEPTH) {
            throw Wire.syntaxError("field tables and arrays nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    static Object readValue(ByteBuf in, int depth) throws ProtocolException {
        int type = Wire.readOctet(in);
        switch (type) {
            case 't':
                return Wire.readOctet(in) != 0;
            case 'b':
                Wire.require(in, 1, "byte value");
                return in.readByte();
            case 'B':
                return (short) Wire.readOctet(in);
            case 's':
                Wire.require(in, 2, "short value");
                return in.readShort();
            case 'u':
                return Wire.readShort(in);
            case 'I':
                Wire.require(in, 4, "int value");
                return in.readInt();
            case 'i':
                return Wire.readLong(in);
            case 'l':
                return Wire.readLongLong(in);
            case 'f':
                Wire.require(in, 4, "float value");
                return in.readFloat();
            case 'd':
                Wire.require(in, 8, "double value");
                return in.readDouble();
            default:
                return readCompositeValue(type, in, depth);
        }
    }

    private static Object readCompositeValue(int type, ByteBuf in, int depth) throws ProtocolException {
        switch (type) {
            case 'D':
                Wire.require(in, 5, "decimal value");
                int scale = in.readUnsignedByte();
                return new BigDecimal(BigInteger.valueOf(in.readInt()), scale);
            case 'S':
                return Wire.readLongStringText(in);
            case 'x':
                return Wire.readLongStringBytes(in);
            case 'A':
                return readArray(in, depth + 1);
            case 'T':
                return readTimestamp(in);
            case 'F':
                return readTable(in, depth + 1);
            case 'V':
                return null;
            default:
                throw Wire.syntaxError(String.format("unknown field value type 0x%02x", type));
        }
    }

    private static Date readTimestamp(ByteBuf in) throws ProtocolException {
        long seconds = Wire.readLongLong(in);
        checkTimestamp(seconds);
        return new Date(seconds * 1000);
    }

    private static void checkTimestamp(long seconds) throws ProtocolException {
        if (seconds > Long.MAX_VALUE / 1000 || seconds < Long.MIN_VALUE / 1000) {
            throw Wire.syntaxError("timestamp " + seconds + " is out of range");
        }
    }

    private static void writeTable(Map<?, ?> table, ByteBuf out, int depth) {
        checkWriteDepth(depth);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table != null) {
            for (Map.Entry<?, ?> entry : table.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("field table name " + entry.getKey() + " is not a String");
                }
                Wire.writeShortString(out, name, "field table name");
                writeValue(entry.getValue(), out, depth);
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static void writeArray(Iterable<?> values, ByteBuf out, int depth) {
        checkWriteDepth(depth);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (values != null) {
            for (Object value : values) {
                writeValue(value, out, depth);
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static void checkWriteDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("field tables and arrays nest deeper than " + MAX_DEPTH
                + " levels (a cycle?)");
        }
    }

    private static void writeValue(Object value, ByteBuf out, int depth) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof String s) {
            out.writeByte('S');
            Wire.writeLongString(out, s);
        } else if (value instanceof Boolean b) {
            out.writeByte('t');
            out.writeByte(b ? 1 : 0);
        } else if (value instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (!writeOtherScalar(value, out)) {
            writeCompositeValue(value, out, depth);
        }
    }

    private static boolean writeOtherScalar(Object value, ByteBuf out) {
        if (value instanceof Byte b) {
            out.writeByte('b');
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte('s');
            out.writeShort(s);
        } else if (value instanceof Float f) {
            out.writeByte('f');
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d');
            out.writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            writeDecimal(d, out);
        } else if (value instanceof Date date) {
            out.writeByte('T');
            out.writeLong(Math.floorDiv(date.getTime(), 1000L));
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            Wire.writeLongString(out, bytes);
        } else {
            return false;
        }
        return true;
    }

    private static void writeCompositeValue(Object value, ByteBuf out, int depth) {
        if (value instanceof Map<?, ?> map) {
            out.writeByte('F');
            writeTable(map, out, depth + 1);
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            writeArray(list, out, depth + 1);
        } else if (value instanceof Object[] array) {
            out.writeByte('A');
            writeArray(Arrays.asList(array), out, depth + 1);
        } else {
            throw new IllegalArgumentException("no field table type for " + value.getClass().getName());
        }
    }

    private static void writeDecimal(BigDecimal value, ByteBuf out) {
        BigDecimal decimal = value.scale() < 0 ? value.setScale(0) : value;
        BigInteger unscaled = decimal.unscaledValue();
        if (decimal.scale() > 255 || unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("decimal " + value
                + " does not fit a field table decimal (scale 0..255, unscaled value a signed 32-bit int)");
        }
        out.writeByte('D');
        out.writeByte(decimal.scale());
        out.writeInt(unscaled.intValue());
    }
}
