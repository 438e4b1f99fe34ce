package org.fieldpost.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A Jakarta Messaging message without a body, and the headers, properties and life cycle every
 * Fieldpost message shares. The subclasses add the five body types.
 *
 * <p>A message the application creates is writable. A message the provider delivers
 * ({@link AmqpMessageCodec#decode}) has read-only properties and body until {@link #clearProperties()}
 * and {@link #clearBody()}; its headers stay settable, as the spec allows. {@code JMSXDeliveryCount}
 * is set by the provider on receipt, listed by {@link #getPropertyNames()} and survives
 * {@code clearProperties()}.
 *
 * <p>A correlation ID set as bytes is held as the string {@value #BYTES_CORRELATION_PREFIX} followed by
 * the bytes in Base64, which is what {@link #getJMSCorrelationID()} and the AMQP {@code correlation-id}
 * carry; {@link #getJMSCorrelationIDAsBytes()} decodes that form and returns any other correlation ID
 * as its UTF-8 bytes.
 *
 * <p>Not thread-safe: like every JMS message, one thread uses it at a time (spec 2.14).
 */
public class FieldpostMessage implements Message {
    /** Prefix of a correlation ID that was set as bytes; the rest is their Base64 encoding. */
    public static final String BYTES_CORRELATION_PREFIX = "bytes:";

    private final MessageProperties properties = new MessageProperties();
    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private boolean bodyReadOnly;
    private MessageAcknowledger acknowledger;

    /** An empty writable message with default headers (persistent, priority 4). */
    public FieldpostMessage() {
    }

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long value) {
        timestamp = value;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationId == null) {
            return null;
        }
        if (correlationId.startsWith(BYTES_CORRELATION_PREFIX)) {
            try {
                return Base64.getDecoder().decode(correlationId.substring(BYTES_CORRELATION_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // a string correlation ID that merely starts like the bytes form: its UTF-8 bytes below
            }
        }
        return correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] value) {
        correlationId = value == null ? null : BYTES_CORRELATION_PREFIX + Base64.getEncoder().encodeToString(value);
    }

    @Override
    public void setJMSCorrelationID(String value) {
        correlationId = value;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination value) {
        replyTo = value;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination value) {
        destination = value;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int value) {
        deliveryMode = value;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean value) {
        redelivered = value;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String value) {
        type = value;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long value) {
        expiration = value;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long value) {
        deliveryTime = value;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int value) {
        priority = value;
    }

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return TypeConversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return TypeConversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return TypeConversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return TypeConversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return TypeConversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return TypeConversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return TypeConversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return TypeConversions.toStringValue(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    /** Sets a String property; {@code null} is a property whose value is null. */
    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /**
     * Sets a property from a Boolean, Byte, Short, Integer, Long, Float, Double or String.
     *
     * @throws MessageFormatException for any other value, {@code null} included
     */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (value == null) {
            MessageProperties.checkName(name);
            throw new MessageFormatException("property " + name + ": null is not a property value");
        }
        properties.set(name, value);
    }

    /** Calls the session's acknowledger; a message the application created has none, and this does nothing. */
    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    /** Empties the body and makes it writable (write-only for bytes and stream messages). */
    @Override
    public void clearBody() throws JMSException {
        clearBodyContent();
        bodyReadOnly = false;
    }

    /**
     * The body as {@code c}: {@code null} when the message has no body (any {@code c} then).
     *
     * @throws MessageFormatException if the body is not assignable to {@code c}, the message is a
     *     StreamMessage, or an ObjectMessage's object cannot be deserialized
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!hasBody()) {
            return null;
        }
        Object body = bodyValue();
        if (!c.isAssignableFrom(bodyClass(body))) {
            throw new MessageFormatException("the body of a " + getClass().getSimpleName() + " ("
                + bodyClass(body).getName() + ") is not assignable to " + c.getName());
        }
        return c.cast(body);
    }

    /** True when {@link #getBody(Class)} would return rather than throw. */
    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        if (!hasBody()) {
            return true;
        }
        Class<?> target = c;
        try {
            return target.isAssignableFrom(bodyClass(bodyValue()));
        } catch (MessageFormatException undeserializable) {
            return false;
        }
    }

    /** Sets what {@link #acknowledge()} calls; the session sets it on delivery. */
    public void setAcknowledger(MessageAcknowledger value) {
        acknowledger = value;
    }

    /** The acknowledger the session set, or {@code null}. */
    public MessageAcknowledger getAcknowledger() {
        return acknowledger;
    }

    /** {@code JMSXDeliveryCount}: 0 until the provider sets it on receipt. */
    public int getDeliveryCount() {
        return properties.deliveryCount();
    }

    /** Sets {@code JMSXDeliveryCount} (provider use: on receipt and on a local redelivery); 0 removes it. */
    public void setDeliveryCount(int count) {
        properties.deliveryCount(count);
    }

    /**
     * Makes properties and body read-only, as on receipt, and puts a bytes or stream message in read mode
     * at the start of its body. Provider use.
     */
    public void setReadOnly() {
        properties.readOnly(true);
        bodyReadOnly = true;
        resetBody();
    }

    /** The {@code x-jms-body} value of this type (see {@link JmsHeaders#X_JMS_BODY}). */
    String bodyType() {
        return JmsHeaders.BODY_MESSAGE;
    }

    /** False when the message has no body: getBody returns null, any type is assignable. */
    boolean hasBody() {
        return false;
    }

    /** The body for getBody; called only when {@link #hasBody()}. */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** The type getBody must be assignable from. */
    Class<?> bodyClass(Object body) {
        return body.getClass();
    }

    /** Empties the body; {@link #clearBody()} then makes it writable. */
    void clearBodyContent() throws JMSException {
    }

    /** Repositions a bytes or stream body at its start (read mode follows from {@link #isBodyReadOnly()}). */
    void resetBody() {
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean value) {
        bodyReadOnly = value;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of this " + getClass().getSimpleName()
                + " is read-only; call clearBody() first");
        }
    }

    final MessageProperties properties() {
        return properties;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + ", properties="
            + properties.entries() + "]";
    }
}
