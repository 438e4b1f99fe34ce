package org.fieldpost.protocol.jms;

import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.selector.SelectorContext;

/**
 * The JMS view of an AMQP message for selectors: JMS header fields and properties read from {@link BasicProperties}
 * by Fieldpost's JMS-to-AMQP mapping (see the protocol module's README, "JMS mapping"). The broker evaluates a
 * consumer's selector against it; the provider maps received messages with the same static methods, so both see the
 * same values.
 *
 * <p>Names that a selector may reference (Jakarta Messaging 3.1 section 3.8.1.1):
 * <ul>
 *   <li>the six header fields selectors may use: "Message header field references are restricted to JMSDeliveryMode,
 *       JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID, and JMSType";</li>
 *   <li>{@code JMSXDeliveryCount}, from {@link JmsHeaders#X_DELIVERY_COUNT} or the redelivered flag;</li>
 *   <li>other {@code JMSX...} (JMS defined) and {@code JMS_...} (provider-specific) properties, and every name not
 *       starting with {@code JMS} (application properties): the AMQP header of the same name;</li>
 *   <li>any other name starting with {@code JMS} ({@code JMSDestination}, {@code JMSReplyTo},
 *       {@code JMSRedelivered}, {@code JMSExpiration}, {@code JMSDeliveryTime}, ...): NULL. The specification
 *       excludes those header fields from selectors and reserves the prefix, so they are neither header field nor
 *       property references, and an AMQP header that happens to have such a name is not consulted.</li>
 * </ul>
 *
 * <p>Header values of the JMS property types (Boolean, Byte, Short, Integer, Long, Float, Double, String) are used as
 * they are; other field table values (byte arrays, tables, arrays, timestamps, decimals) are not JMS property types
 * and read as NULL.
 *
 * <p>Concurrency: immutable, but meant to be made per message on the evaluating thread (it is two fields).
 */
public final class AmqpSelectorContext implements SelectorContext {
    private static final String JMS_PREFIX = "JMS";
    private static final String JMSX_PREFIX = "JMSX";
    private static final String PROVIDER_PREFIX = "JMS_";
    private static final long MILLIS_PER_SECOND = 1000L;

    private final BasicProperties properties;
    private final boolean redelivered;
    private final int deliveryCount;

    /**
     * A context for a message whose delivery count the broker does not track.
     *
     * @param properties the message's content properties
     * @param redelivered the {@code redelivered} flag of the delivery the selector decides on
     */
    public AmqpSelectorContext(BasicProperties properties, boolean redelivered) {
        this(properties, redelivered, 0);
    }

    /**
     * @param properties the message's content properties
     * @param redelivered the {@code redelivered} flag of the delivery the selector decides on
     * @param deliveryCount the broker's count of this delivery (1 for the first), or 0 when it keeps none; used when
     *     the message has no {@link JmsHeaders#X_DELIVERY_COUNT} header
     */
    public AmqpSelectorContext(BasicProperties properties, boolean redelivered, int deliveryCount) {
        this.properties = properties == null ? BasicProperties.EMPTY : properties;
        this.redelivered = redelivered;
        this.deliveryCount = deliveryCount;
    }

    @Override
    public Object value(String identifier) {
        switch (identifier) {
            case JmsHeaders.JMS_MESSAGE_ID:
                return properties.messageId();
            case JmsHeaders.JMS_CORRELATION_ID:
                return properties.correlationId();
            case JmsHeaders.JMS_TYPE:
                return properties.type();
            case JmsHeaders.JMS_PRIORITY:
                return jmsPriority(properties);
            case JmsHeaders.JMS_DELIVERY_MODE:
                return jmsDeliveryMode(properties);
            case JmsHeaders.JMS_TIMESTAMP:
                return jmsTimestamp(properties);
            case JmsHeaders.JMSX_DELIVERY_COUNT:
                return jmsDeliveryCount(properties, redelivered, deliveryCount);
            default:
                if (identifier.startsWith(JMS_PREFIX) && !identifier.startsWith(JMSX_PREFIX)
                    && !identifier.startsWith(PROVIDER_PREFIX)) {
                    return null;
                }
                return property(properties, identifier);
        }
    }

    /** {@code JMSPriority}: the AMQP priority, or {@link JmsHeaders#DEFAULT_PRIORITY} when absent. */
    public static int jmsPriority(BasicProperties properties) {
        Integer priority = properties.priority();
        return priority == null ? JmsHeaders.DEFAULT_PRIORITY : priority;
    }

    /**
     * {@code JMSDeliveryMode} as selectors see it (section 3.8.1.3): {@link JmsHeaders#PERSISTENT} for AMQP
     * delivery mode 2, else {@link JmsHeaders#NON_PERSISTENT}, also when absent (AMQP's default is transient).
     */
    public static String jmsDeliveryMode(BasicProperties properties) {
        return properties.persistent() ? JmsHeaders.PERSISTENT : JmsHeaders.NON_PERSISTENT;
    }

    /**
     * {@code JMSTimestamp} in milliseconds: the {@link JmsHeaders#X_JMS_TIMESTAMP} header when it is an integer,
     * else the AMQP timestamp (seconds) times 1000, else {@code null}.
     */
    public static Long jmsTimestamp(BasicProperties properties) {
        Long millis = integral(header(properties, JmsHeaders.X_JMS_TIMESTAMP));
        if (millis != null) {
            return millis;
        }
        Long seconds = properties.timestamp();
        return seconds == null ? null : seconds * MILLIS_PER_SECOND;
    }

    /**
     * {@code JMSXDeliveryCount}: the {@link JmsHeaders#X_DELIVERY_COUNT} header when it is an integer, else the
     * broker's count when it has one, else 2 for a redelivered message and 1 otherwise. A redelivered message counts
     * at least 2 (section 3.5.11: "If the JMSRedelivered message header value is set then the JMSXDeliveryCount
     * property must always be 2 or more").
     *
     * @param deliveryCount the broker's count, or 0 for none
     */
    public static int jmsDeliveryCount(BasicProperties properties, boolean redelivered, int deliveryCount) {
        Long header = integral(header(properties, JmsHeaders.X_DELIVERY_COUNT));
        long count;
        if (header != null) {
            count = header;
        } else if (deliveryCount > 0) {
            count = deliveryCount;
        } else {
            count = redelivered ? 2 : 1;
        }
        if (redelivered) {
            count = Math.max(count, 2);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, count));
    }

    /**
     * A JMS property from the AMQP header of the same name: the value when it is of a JMS property type (Boolean,
     * Byte, Short, Integer, Long, Float, Double, String), else {@code null}.
     */
    public static Object property(BasicProperties properties, String name) {
        return propertyValue(header(properties, name));
    }

    /** A field table value as a JMS property value: itself for the JMS property types, else {@code null}. */
    public static Object propertyValue(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
            || value instanceof Double || value instanceof Float || value instanceof Short || value instanceof Byte) {
            return value;
        }
        return null;
    }

    private static Object header(BasicProperties properties, String name) {
        Map<String, Object> headers = properties.headers();
        return headers == null ? null : headers.get(name);
    }

    private static Long integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return null;
    }

    @Override
    public String toString() {
        return "AmqpSelectorContext[" + properties + ", redelivered=" + redelivered + ", deliveryCount="
            + deliveryCount + "]";
    }
}
