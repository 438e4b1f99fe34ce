package org.fieldpost.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A message whose body is a sequence of typed values (primitives, String, byte[]), read in order
 * with the conversions of {@link TypeConversions} (spec 3.11.3). A read whose conversion fails throws
 * and leaves the position where it was. New and cleared messages are write-only; {@link #reset()}
 * and receipt make them read-only. On the wire: an AMQP field array (see {@link BodyCodec}).
 *
 * <p>{@link #readBytes(byte[])} reads a byte array field in chunks: each call copies the next part;
 * a call that returns less than the buffer's length finished the field, and a call after a field
 * that exactly filled the buffer returns -1. A null field reads as -1. Not thread-safe.
 */
public class FieldpostStreamMessage extends FieldpostMessage implements StreamMessage {
    private final List<Object> items = new ArrayList<>();
    private int position;
    /** Offset into the byte array field at {@code position} being read in chunks, or -1. */
    private int bytesOffset = -1;

    /** An empty write-only message. */
    public FieldpostStreamMessage() {
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(TypeConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(TypeConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(TypeConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(TypeConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(TypeConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(TypeConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(TypeConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(TypeConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(TypeConversions::toStringValue);
    }

    /**
     * Copies the next part of a byte array field into {@code value}.
     *
     * @return the number of bytes copied, or -1 for a null field or after a field that exactly filled
     *     the previous buffer
     * @throws MessageFormatException if the next field is not a byte array (the position is unchanged)
     * @throws MessageEOFException at the end of the stream
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        checkReadable();
        boolean continuing = bytesOffset >= 0;
        if (!continuing) {
            Object item = next();
            if (item == null) {
                position++;
                return -1;
            }
            if (!(item instanceof byte[])) {
                throw TypeConversions.mismatch(item, "byte[]");
            }
            bytesOffset = 0;
        }
        byte[] field = (byte[]) items.get(position);
        int remaining = field.length - bytesOffset;
        if (continuing && remaining == 0) {
            finishBytes();
            return -1;
        }
        int count = Math.min(value.length, remaining);
        System.arraycopy(field, bytesOffset, value, 0, count);
        bytesOffset += count;
        if (count < value.length) {
            finishBytes();
        }
        return count;
    }

    /** The next field as its wrapper type (a byte array copied), or {@code null}. */
    @Override
    public Object readObject() throws JMSException {
        return read(item -> item instanceof byte[] bytes ? bytes.clone() : item);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    /** Writes a copy of {@code value} as one field ({@code null}: a null field). */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        add(Arrays.copyOfRange(value, offset, Math.addExact(offset, length)));
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String, byte[] (copied)
     * or {@code null}.
     *
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !TypeConversions.isBodyType(value)) {
            throw new MessageFormatException("StreamMessage cannot hold a " + value.getClass().getName());
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    /** Makes the body read-only and positions it at the first field. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        resetBody();
    }

    /** Always throws: the spec gives a StreamMessage no body type. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("getBody is not supported by a StreamMessage");
    }

    /** Always false: the spec gives a StreamMessage no body type. */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }

    @Override
    void resetBody() {
        position = 0;
        bytesOffset = -1;
    }

    @Override
    String bodyType() {
        return JmsHeaders.BODY_STREAM;
    }

    @Override
    void clearBodyContent() {
        items.clear();
        resetBody();
    }

    /** The live fields, for the codec. */
    final List<Object> items() {
        return items;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        checkReadable();
        if (bytesOffset >= 0) {
            throw new MessageFormatException("a byte array field is partly read; finish it with readBytes");
        }
        T value = conversion.apply(next());
        position++;
        return value;
    }

    private Object next() throws JMSException {
        if (position >= items.size()) {
            throw new MessageEOFException("end of the StreamMessage (" + items.size() + " fields)");
        }
        return items.get(position);
    }

    private void finishBytes() {
        bytesOffset = -1;
        position++;
    }

    private void checkReadable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("this StreamMessage is write-only; call reset() to read it");
        }
    }

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        items.add(value);
    }

    /** One conversion of the table; throws without side effects. */
    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object item) throws MessageFormatException;
    }
}
