package org.fieldpost.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A message whose body is a set of name-value pairs of the primitive types, String and byte[], read
 * with the conversions of {@link TypeConversions} (spec 3.11.3). A name that was never set reads as a
 * {@code null} value. On the wire: an AMQP field table (see {@link BodyCodec}). Not thread-safe.
 */
public class FieldpostMapMessage extends FieldpostMessage implements MapMessage {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** An empty writable message. */
    public FieldpostMapMessage() {
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return TypeConversions.toBoolean(entries.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return TypeConversions.toByte(entries.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return TypeConversions.toShort(entries.get(name));
    }

    @Override
    public char getChar(String name) throws JMSException {
        return TypeConversions.toChar(entries.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return TypeConversions.toInt(entries.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return TypeConversions.toLong(entries.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return TypeConversions.toFloat(entries.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return TypeConversions.toDouble(entries.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return TypeConversions.toStringValue(entries.get(name));
    }

    /** A copy of the byte array, or {@code null}. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        return TypeConversions.toBytes(entries.get(name));
    }

    /** The value as its wrapper type (a byte array is copied), or {@code null}. */
    @Override
    public Object getObject(String name) {
        Object value = entries.get(name);
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(Arrays.asList(entries.keySet().toArray(new String[0])));
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy of {@code value} ({@code null} is a null value). */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        put(name, Arrays.copyOfRange(value, offset, Math.addExact(offset, length)));
    }

    /**
     * Sets a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String or byte[] (copied).
     *
     * @throws MessageFormatException for any other type ({@code null} is a null value)
     */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyType(value)) {
            checkName(name);
            throw new MessageFormatException("MapMessage cannot hold a " + value.getClass().getName());
        }
        put(name, value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    @Override
    String bodyType() {
        return JmsHeaders.BODY_MAP;
    }

    @Override
    boolean hasBody() {
        return !entries.isEmpty();
    }

    /** A copy of the entries (byte arrays copied too). */
    @Override
    Object bodyValue() {
        Map<String, Object> copy = new HashMap<>();
        entries.forEach((name, value) -> copy.put(name, value instanceof byte[] bytes ? bytes.clone() : value));
        return copy;
    }

    @Override
    Class<?> bodyClass(Object body) {
        return Map.class;
    }

    @Override
    void clearBodyContent() {
        entries.clear();
    }

    /** The live entries, for the codec. */
    final Map<String, Object> entries() {
        return entries;
    }

    private void put(String name, Object value) throws JMSException {
        checkName(name);
        checkBodyWritable();
        entries.put(name, value);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a MapMessage name must not be null or empty");
        }
    }
}
