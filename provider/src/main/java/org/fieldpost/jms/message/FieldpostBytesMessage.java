package org.fieldpost.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read in the big-endian
 * {@code java.io.DataOutput} format. New and cleared messages are write-only; {@link #reset()} and
 * receipt make them read-only. On the wire: the bytes as they are, content type
 * {@value JmsHeaders#CONTENT_TYPE_BYTES}.
 *
 * <p>A read that would run past the end throws {@link MessageEOFException} and consumes nothing.
 * Not thread-safe.
 */
public class FieldpostBytesMessage extends FieldpostMessage implements BytesMessage {
    /** Write mode: the bytes written so far; {@code null} in read mode. */
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream writer = new DataOutputStream(written);
    /** Read mode: the body, read from {@code reader}'s position; {@code null} in write mode. */
    private ByteBuffer reader;

    /** An empty write-only message. */
    public FieldpostBytesMessage() {
    }

    @Override
    public long getBodyLength() throws JMSException {
        return readable().limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return take(1).get() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return take(1).get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return Byte.toUnsignedInt(take(1).get());
    }

    @Override
    public short readShort() throws JMSException {
        return take(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return Short.toUnsignedInt(take(2).getShort());
    }

    @Override
    public char readChar() throws JMSException {
        return take(2).getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return take(4).getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return take(8).getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return take(4).getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return take(8).getDouble();
    }

    /** Reads a string in {@code DataInput.readUTF} form (2-byte length, modified UTF-8). */
    @Override
    public String readUTF() throws JMSException {
        ByteBuffer buffer = readable();
        int start = buffer.position();
        ByteArrayInputStream in = new ByteArrayInputStream(buffer.array(), start, buffer.remaining());
        try {
            String value = new DataInputStream(in).readUTF();
            buffer.position(buffer.limit() - in.available());
            return value;
        } catch (EOFException e) {
            throw new MessageEOFException("end of the message body in a UTF string");
        } catch (UTFDataFormatException e) {
            throw formatError("malformed UTF string", e);
        } catch (IOException e) {
            throw formatError("unreadable UTF string", e);
        }
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * Reads up to {@code length} bytes into the start of {@code value}.
     *
     * @return the number read, or -1 when the body is at its end
     * @throws IndexOutOfBoundsException if {@code length} is negative or larger than {@code value}
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is not within 0.." + value.length);
        }
        ByteBuffer buffer = readable();
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, buffer.remaining());
        buffer.get(value, 0, count);
        return count;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    /**
     * Writes a string in {@code DataOutput.writeUTF} form.
     *
     * @throws MessageFormatException if it encodes to more than 65535 bytes
     */
    @Override
    public void writeUTF(String value) throws JMSException {
        write(out -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(out -> out.write(value, offset, length));
    }

    /**
     * Writes a Boolean, Byte, Short, Character, Integer, Long, Float, Double, String (as UTF) or byte[].
     *
     * @throws NullPointerException if {@code value} is null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject(null)");
        }
        if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage cannot write a " + value.getClass().getName());
        }
    }

    /** Makes the body read-only and positions it at the start. */
    @Override
    public void reset() {
        setBodyReadOnly(true);
        resetBody();
    }

    @Override
    void resetBody() {
        if (!isBodyReadOnly()) {
            return;
        }
        if (reader == null) {
            reader = ByteBuffer.wrap(written.toByteArray());
            written = null;
            writer = null;
        }
        reader.rewind();
    }

    /** The whole body, whatever the mode and position; does not change either. */
    byte[] content() {
        if (reader == null) {
            return written.toByteArray();
        }
        byte[] copy = new byte[reader.limit()];
        reader.duplicate().rewind().get(copy);
        return copy;
    }

    /** Makes this (decoded) message read-only with {@code body} as its content. */
    final void decodedContent(byte[] body) {
        reader = ByteBuffer.wrap(body);
        written = null;
        writer = null;
        setBodyReadOnly(true);
    }

    @Override
    String bodyType() {
        return JmsHeaders.BODY_BYTES;
    }

    @Override
    boolean hasBody() {
        return reader == null ? written.size() > 0 : reader.limit() > 0;
    }

    @Override
    Object bodyValue() {
        return content();
    }

    @Override
    void clearBodyContent() {
        reader = null;
        written = new ByteArrayOutputStream();
        writer = new DataOutputStream(written);
    }

    private ByteBuffer readable() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("this BytesMessage is write-only; call reset() to read it");
        }
        return reader;
    }

    private ByteBuffer take(int size) throws JMSException {
        ByteBuffer buffer = readable();
        if (buffer.remaining() < size) {
            throw new MessageEOFException("end of the message body: " + size + " bytes wanted, "
                + buffer.remaining() + " left");
        }
        return buffer;
    }

    private void write(Write operation) throws JMSException {
        checkBodyWritable();
        try {
            operation.to(writer);
        } catch (UTFDataFormatException e) {
            throw formatError("string too long for writeUTF", e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** One write to the body. */
    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private static MessageFormatException formatError(String text, Exception cause) {
        MessageFormatException error = new MessageFormatException(text + ": " + cause.getMessage());
        error.setLinkedException(cause);
        error.initCause(cause);
        return error;
    }
}
