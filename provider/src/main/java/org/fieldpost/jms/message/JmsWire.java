package org.fieldpost.jms.message;

/**
 * The names Fieldpost's JMS mapping puts on the wire (docs/protocol.md, "Message headers"), in one
 * place for the codec and its tests.
 */
public final class JmsWire {
    /** Header: the body type, one of the {@code BODY_*} values. */
    public static final String BODY = "x-jms-body";
    /** Header: {@code JMSTimestamp} in milliseconds (long). */
    public static final String TIMESTAMP = "x-jms-timestamp";
    /** Header: {@code JMSExpiration}, absolute milliseconds (long). */
    public static final String EXPIRATION = "x-jms-expiration";
    /** Header: {@code JMSDestination} as a destination string. */
    public static final String DESTINATION = "x-jms-destination";
    /** Header: {@code JMSDeliveryTime}, absolute milliseconds (long); the broker holds the message until then. */
    public static final String DELIVERY_TIME = "x-delivery-time";
    /** Header set by the broker on a redelivery: {@code JMSXDeliveryCount} (int). */
    public static final String DELIVERY_COUNT = "x-delivery-count";

    public static final String BODY_MESSAGE = "message";
    public static final String BODY_TEXT = "text";
    public static final String BODY_BYTES = "bytes";
    public static final String BODY_MAP = "map";
    public static final String BODY_STREAM = "stream";
    public static final String BODY_OBJECT = "object";

    /** Content type of a TextMessage body. */
    public static final String CONTENT_TYPE_TEXT = "text/plain; charset=utf-8";
    /** Content type of a BytesMessage body. */
    public static final String CONTENT_TYPE_BYTES = "application/octet-stream";
    /** Content type of an ObjectMessage body. */
    public static final String CONTENT_TYPE_OBJECT = "application/x-java-serialized-object";

    /** The key of the one-entry field table that stands for a {@code char} in map and stream bodies. */
    public static final String CHAR_KEY = "char";

    /** AMQP {@code delivery-mode} of a non-persistent message. */
    public static final int TRANSIENT = 1;
    /** AMQP {@code delivery-mode} of a persistent message. */
    public static final int PERSISTENT = 2;

    private JmsWire() {
    }
}
