package org.fieldpost.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A message whose body is one serialized Java object. {@link #setObject} serializes at once (later
 * changes to the object do not reach the message); {@link #getObject()} deserializes a new copy each
 * time, allowing only the classes of an {@link ObjectMessageAllowList} (by default the one of the
 * system property, read at each call). On the wire: the Java serialization bytes, content type
 * {@value JmsHeaders#CONTENT_TYPE_OBJECT}; an empty body is a {@code null} object. Not thread-safe.
 */
public class FieldpostObjectMessage extends FieldpostMessage implements ObjectMessage {
    private byte[] serialized;
    private ObjectMessageAllowList allowList;

    /** A writable message with no object. */
    public FieldpostObjectMessage() {
    }

    /**
     * Serializes {@code value} into the body; {@code null} empties it.
     *
     * @throws MessageFormatException if the object cannot be serialized
     */
    @Override
    public void setObject(Serializable value) throws JMSException {
        checkBodyWritable();
        serialized = value == null ? null : serialize(value);
    }

    /**
     * A new copy of the object, or {@code null}.
     *
     * @throws MessageFormatException naming the class if the allow-list refuses a class in the body, or
     *     if the body cannot be deserialized
     */
    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        ObjectMessageAllowList list = allowList != null ? allowList : ObjectMessageAllowList.fromSystemProperty();
        try {
            return (Serializable) list.deserialize(serialized);
        } catch (ObjectMessageAllowList.RefusedClassException e) {
            throw formatError("ObjectMessage refused to deserialize class " + e.classname + " (allow it with "
                + "system property " + ObjectMessageAllowList.PROPERTY + ")", e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw formatError("ObjectMessage body cannot be deserialized: " + e, e);
        }
    }

    /** Deserializes with {@code list} rather than the system property's list (e.g. a connection factory's). */
    public void setAllowList(ObjectMessageAllowList list) {
        allowList = list;
    }

    @Override
    String bodyType() {
        return JmsHeaders.BODY_OBJECT;
    }

    @Override
    boolean hasBody() {
        return serialized != null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    /** The serialized object, or {@code null}; for the codec. */
    final byte[] serialized() {
        return serialized;
    }

    /** Sets the serialized object of a decoded message; an empty body is no object. */
    final void decodedSerialized(byte[] body) {
        serialized = body.length == 0 ? null : body;
    }

    private static byte[] serialize(Serializable value) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw formatError("ObjectMessage cannot serialize a " + value.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    private static MessageFormatException formatError(String text, Exception cause) {
        MessageFormatException error = new MessageFormatException(text);
        error.setLinkedException(cause);
        error.initCause(cause);
        return error;
    }
}
