package org.fieldpost.protocol.jms;

/**
 * Names shared by the Fieldpost broker and JMS provider for carrying Jakarta Messaging messages over AMQP 0-9-1: the
 * JMS header fields and defined properties a selector may reference, the Fieldpost extension headers of
 * {@code basic} content, consumer and queue argument names, and the two exchanges. The mapping between JMS header
 * fields and AMQP properties is implemented once, in {@link AmqpSelectorContext}, and tabled in the protocol module's
 * README ("JMS mapping").
 */
public final class JmsHeaders {

    // JMS header fields that selectors may reference (Jakarta Messaging 3.1 section 3.8.1.1).

    /** AMQP {@code message-id}; the provider writes {@code "ID:..."} into it. */
    public static final String JMS_MESSAGE_ID = "JMSMessageID";
    /** AMQP {@code correlation-id}. */
    public static final String JMS_CORRELATION_ID = "JMSCorrelationID";
    /** AMQP {@code type}. */
    public static final String JMS_TYPE = "JMSType";
    /** AMQP {@code priority}; {@link #DEFAULT_PRIORITY} when absent. */
    public static final String JMS_PRIORITY = "JMSPriority";
    /** AMQP {@code delivery-mode}: 2 is {@link #PERSISTENT}, anything else or absent {@link #NON_PERSISTENT}. */
    public static final String JMS_DELIVERY_MODE = "JMSDeliveryMode";
    /** {@link #X_JMS_TIMESTAMP}, else AMQP {@code timestamp} (seconds) times 1000. */
    public static final String JMS_TIMESTAMP = "JMSTimestamp";

    // JMS defined properties with a mapping of their own (section 3.5.9, table 3-3).

    /** {@link #X_DELIVERY_COUNT}, else 2 for a redelivered message and 1 otherwise. */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    /** An AMQP header of the same name, as every other property. */
    public static final String JMSX_GROUP_ID = "JMSXGroupID";
    /** An AMQP header of the same name, as every other property. */
    public static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    /** The value of {@code JMSDeliveryMode} in selectors for a persistent message (section 3.8.1.3). */
    public static final String PERSISTENT = "PERSISTENT";
    /** The value of {@code JMSDeliveryMode} in selectors for a non-persistent message (section 3.8.1.3). */
    public static final String NON_PERSISTENT = "NON_PERSISTENT";
    /** {@code JMSPriority} of a message without an AMQP priority: JMS's {@code Message.DEFAULT_PRIORITY}. */
    public static final int DEFAULT_PRIORITY = 4;
    /** AMQP {@code delivery-mode} of a persistent message. */
    public static final int AMQP_PERSISTENT = 2;
    /** AMQP {@code delivery-mode} of a transient message. */
    public static final int AMQP_TRANSIENT = 1;

    // Fieldpost extension headers in the AMQP headers table of basic content.

    /** {@code JMSTimestamp} in milliseconds (long); AMQP's own {@code timestamp} has only seconds. */
    public static final String X_JMS_TIMESTAMP = "x-jms-timestamp";
    /** {@code JMSExpiration}: absolute time in milliseconds (long), 0 or absent for never. */
    public static final String X_JMS_EXPIRATION = "x-jms-expiration";
    /** {@code JMSDeliveryTime}: absolute time in milliseconds (long) before which the message is not delivered. */
    public static final String X_DELIVERY_TIME = "x-delivery-time";
    /** {@code JMSXDeliveryCount} (int or long): 1 on the first delivery. */
    public static final String X_DELIVERY_COUNT = "x-delivery-count";
    /** The JMS body type, one of the {@code BODY_*} values; absent for a message from a non-JMS client. */
    public static final String X_JMS_BODY = "x-jms-body";
    /** {@code JMSDestination} as the provider names it, since AMQP content carries no destination. */
    public static final String X_JMS_DESTINATION = "x-jms-destination";

    /** {@link #X_JMS_BODY} of a {@code TextMessage}. */
    public static final String BODY_TEXT = "text";
    /** {@link #X_JMS_BODY} of a {@code BytesMessage}. */
    public static final String BODY_BYTES = "bytes";
    /** {@link #X_JMS_BODY} of a {@code MapMessage}. */
    public static final String BODY_MAP = "map";
    /** {@link #X_JMS_BODY} of a {@code StreamMessage}. */
    public static final String BODY_STREAM = "stream";
    /** {@link #X_JMS_BODY} of an {@code ObjectMessage}. */
    public static final String BODY_OBJECT = "object";
    /** {@link #X_JMS_BODY} of a plain {@code Message} without a body. */
    public static final String BODY_MESSAGE = "message";

    // AMQP content-type of the bodies that have one; a plain client reads a text/* body as text.

    /** {@code content-type} of a {@code TextMessage} body (UTF-8). */
    public static final String CONTENT_TYPE_TEXT = "text/plain; charset=utf-8";
    /** {@code content-type} of a {@code BytesMessage} body. */
    public static final String CONTENT_TYPE_BYTES = "application/octet-stream";
    /** {@code content-type} of an {@code ObjectMessage} body (Java serialization). */
    public static final String CONTENT_TYPE_OBJECT = "application/x-java-serialized-object";

    // Arguments of basic.consume, queue.bind and queue.declare.

    /** A message selector (longstr or shortstr); the broker delivers only matching messages. */
    public static final String X_SELECTOR = "x-selector";
    /** A consumer that browses: it sees messages without acquiring them (boolean). */
    public static final String X_BROWSE = "x-browse";
    /**
     * A browser's window (integer, 1 or more): the broker sends at most this many copies until the
     * client grants more with {@code basic.credit}. Absent: copies flow as fast as the socket takes them.
     */
    public static final String X_BROWSE_CREDIT = "x-browse-credit";
    /** Do not deliver messages published on the consumer's own connection (boolean). */
    public static final String X_NO_LOCAL = "x-no-local";

    // Arguments of exchange.declare.

    /**
     * The exchange belongs to the declaring connection (boolean): deleted when it closes; other connections may
     * publish to it but not declare it (not even passively), delete it, bind or unbind it or to it
     * (405 RESOURCE_LOCKED). Temporary topics.
     */
    public static final String X_EXCLUSIVE = "x-exclusive";

    // Exchanges.

    /** The direct exchange JMS queues are bound to, by queue name. */
    public static final String QUEUES_EXCHANGE = "jms.queues";
    /** The type of {@link #QUEUES_EXCHANGE}. */
    public static final String QUEUES_EXCHANGE_TYPE = "direct";
    /** The topic exchange JMS topics publish to, by topic name. */
    public static final String TOPICS_EXCHANGE = "jms.topics";
    /** The type of {@link #TOPICS_EXCHANGE}. */
    public static final String TOPICS_EXCHANGE_TYPE = "topic";

    private JmsHeaders() {
    }
}
