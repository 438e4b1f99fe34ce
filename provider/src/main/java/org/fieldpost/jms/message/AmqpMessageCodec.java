package org.fieldpost.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * The one place that maps Jakarta Messaging messages onto AMQP 0-9-1 content and back
 * (docs/protocol.md, "Message headers"; provider/README.md, "Messages").
 *
 * <p>JMSMessageID, JMSCorrelationID, JMSType, JMSDeliveryMode and JMSPriority are the AMQP properties of
 * the same meaning; JMSReplyTo is {@code reply-to} as a destination string; JMSTimestamp is
 * {@code timestamp} (seconds) plus header {@code x-jms-timestamp} (ms); JMSExpiration is header
 * {@code x-jms-expiration} plus {@code expiration} (the TTL left); JMSDeliveryTime is header
 * {@code x-delivery-time} when in the future; JMSDestination is header {@code x-jms-destination};
 * JMSRedelivered and JMSXDeliveryCount come from the delivery and header {@code x-delivery-count};
 * properties are headers of the same name and type. The full table, with the defaults on receipt, is
 * in provider/README.md.
 *
 * <p>Thread-safe: no state but the message ID counter.
 */
public final class AmqpMessageCodec {
    private static final String ID_PREFIX = "ID:" + UUID.randomUUID() + ":";
    private static final AtomicLong ID_COUNTER = new AtomicLong();
    private static final int SHORTSTR_MAX = 255;
    /** Headers the codec consumes; they never become properties. */
    private static final Set<String> WIRE_HEADERS = Set.of(JmsHeaders.X_JMS_BODY, JmsHeaders.X_JMS_TIMESTAMP,
        JmsHeaders.X_JMS_EXPIRATION, JmsHeaders.X_JMS_DESTINATION, JmsHeaders.X_DELIVERY_TIME,
        JmsHeaders.X_DELIVERY_COUNT, JmsHeaders.JMSX_DELIVERY_COUNT);

    private static final Set<String> BODY_TYPES = Set.of(JmsHeaders.BODY_MESSAGE, JmsHeaders.BODY_TEXT,
        JmsHeaders.BODY_BYTES, JmsHeaders.BODY_MAP, JmsHeaders.BODY_STREAM, JmsHeaders.BODY_OBJECT);

    private AmqpMessageCodec() {
    }

    /** A new message ID: {@code ID:} + a per-JVM random UUID + {@code :} + a counter. Thread-safe, does not block. */
    public static String newMessageId() {
        return ID_PREFIX + ID_COUNTER.incrementAndGet();
    }

    /**
     * The AMQP content for {@code message}, sent to {@code destination}. Reads but never changes a
     * Fieldpost message; another provider's message is read through its JMS interfaces
     * ({@link #copyOf(Message)}), which moves and resets a bytes or stream body.
     *
     * @param destination where the message goes (its {@code x-jms-destination}); {@code null}: the
     *     message's JMSDestination
     * @throws MessageFormatException if a header or name does not fit its AMQP field (a string of more than
     *     255 UTF-8 bytes), or the body cannot be encoded
     * @throws JMSException if a foreign message cannot be read, or its reply-to is neither a Queue nor a Topic
     */
    public static AmqpPayload encode(Message message, FieldpostDestination destination) throws JMSException {
        FieldpostMessage fp = message instanceof FieldpostMessage own ? own : copyOf(message);
        long now = System.currentTimeMillis();
        Map<String, Object> headers = new LinkedHashMap<>(fp.properties().entries());
        BasicProperties.Builder properties = BasicProperties.builder()
            .messageId(shortString(fp.getJMSMessageID(), "JMSMessageID"))
            .correlationId(shortString(fp.getJMSCorrelationID(), "JMSCorrelationID"))
            .type(shortString(fp.getJMSType(), "JMSType"))
            .deliveryMode(fp.getJMSDeliveryMode() == DeliveryMode.NON_PERSISTENT
                ? JmsHeaders.AMQP_TRANSIENT : JmsHeaders.AMQP_PERSISTENT)
            .priority(Math.max(0, Math.min(9, fp.getJMSPriority())));
        FieldpostDestination replyTo = FieldpostDestination.from(fp.getJMSReplyTo());
        if (replyTo != null) {
            properties.replyTo(shortString(replyTo.toAddress(), "JMSReplyTo"));
        }
        long timestamp = fp.getJMSTimestamp();
        if (timestamp != 0) {
            properties.timestamp(Math.floorDiv(timestamp, 1000L));
            headers.put(JmsHeaders.X_JMS_TIMESTAMP, timestamp);
        }
        long expiration = fp.getJMSExpiration();
        if (expiration != 0) {
            properties.expiration(Long.toString(Math.max(0, expiration - now)));
            headers.put(JmsHeaders.X_JMS_EXPIRATION, expiration);
        }
        if (fp.getJMSDeliveryTime() > now) {
            headers.put(JmsHeaders.X_DELIVERY_TIME, fp.getJMSDeliveryTime());
        }
        FieldpostDestination target = destination != null ? destination
            : FieldpostDestination.from(fp.getJMSDestination());
        if (target != null) {
            headers.put(JmsHeaders.X_JMS_DESTINATION, target.toAddress());
        }
        headers.put(JmsHeaders.X_JMS_BODY, fp.bodyType());
        for (String name : headers.keySet()) {
            if (name.getBytes(StandardCharsets.UTF_8).length > SHORTSTR_MAX) {
                throw new MessageFormatException("property name " + name + " is longer than 255 UTF-8 bytes");
            }
        }
        byte[] body = encodeBody(fp, properties);
        return new AmqpPayload(properties.headers(headers).build(), body);
    }

    private static byte[] encodeBody(FieldpostMessage message, BasicProperties.Builder properties)
        throws JMSException {
        if (message instanceof FieldpostTextMessage text) {
            if (text.getText() == null) {
                return new byte[0];
            }
            properties.contentType(JmsHeaders.CONTENT_TYPE_TEXT);
            return text.getText().getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof FieldpostBytesMessage bytes) {
            properties.contentType(JmsHeaders.CONTENT_TYPE_BYTES);
            return bytes.content();
        }
        if (message instanceof FieldpostMapMessage map) {
            return BodyCodec.encodeMap(map.entries());
        }
        if (message instanceof FieldpostStreamMessage stream) {
            return BodyCodec.encodeStream(stream.items());
        }
        if (message instanceof FieldpostObjectMessage object) {
            properties.contentType(JmsHeaders.CONTENT_TYPE_OBJECT);
            return object.serialized() == null ? new byte[0] : object.serialized();
        }
        return new byte[0];
    }

    /**
     * The message a consumer delivers for an AMQP delivery, with read-only properties and body and
     * JMSXDeliveryCount set. A message from a plain AMQP client reads naturally: without
     * {@code x-jms-body} it is a TextMessage for a {@code text/*} content type (decoded with its
     * charset, else UTF-8) and a BytesMessage otherwise; its headers are properties. Never throws for
     * bad content: a map or stream body that does not decode arrives as a BytesMessage.
     *
     * @param body the content body; kept, not copied ({@code null}: empty)
     * @param exchange and {@code routingKey}: of the {@code basic.deliver}, for JMSDestination when
     *     there is no {@code x-jms-destination}
     */
    public static FieldpostMessage decode(BasicProperties properties, byte[] body, boolean redelivered,
        String exchange, String routingKey) {
        if (body == null) {
            return decode(properties, new byte[0], redelivered, exchange, routingKey);
        }
        Map<String, Object> headers = properties.headers() == null ? Map.of() : properties.headers();
        FieldpostMessage message = decodeBody(headers.get(JmsHeaders.X_JMS_BODY), properties, body);
        message.setJMSMessageID(properties.messageId());
        message.setJMSCorrelationID(properties.correlationId());
        message.setJMSType(properties.type());
        message.setJMSReplyTo(destination(properties.replyTo()));
        message.setJMSDeliveryMode(properties.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(properties.priority() == null ? Message.DEFAULT_PRIORITY
            : Math.max(0, Math.min(9, properties.priority())));
        long timestamp = longHeader(headers, JmsHeaders.X_JMS_TIMESTAMP,
            properties.timestamp() == null ? 0 : properties.timestamp() * 1000);
        message.setJMSTimestamp(timestamp);
        message.setJMSExpiration(longHeader(headers, JmsHeaders.X_JMS_EXPIRATION, 0));
        message.setJMSDeliveryTime(longHeader(headers, JmsHeaders.X_DELIVERY_TIME, timestamp));
        FieldpostDestination destination = destination(stringHeader(headers, JmsHeaders.X_JMS_DESTINATION));
        message.setJMSDestination(destination != null ? destination : deliveredTo(exchange, routingKey));
        message.setJMSRedelivered(redelivered);
        int count = (int) longHeader(headers, JmsHeaders.X_DELIVERY_COUNT, redelivered ? 2 : 1);
        message.setDeliveryCount(Math.max(1, count));
        headers.forEach((name, value) -> {
            Object property = BodyCodec.jmsValue(value, false);
            if (!WIRE_HEADERS.contains(name) && property != BodyCodec.SKIP) {
                message.properties().put(name, property);
            }
        });
        message.setReadOnly();
        return message;
    }

    /**
     * A Fieldpost message with the headers, properties and body of {@code foreign}, read through the
     * JMS interfaces (a bytes or stream body is reset, read, and reset again). The copy is writable. A
     * Fieldpost message is returned as it is.
     *
     * @throws JMSException if the foreign message cannot be read, holds a property of a non-JMS type,
     *     or its reply-to is neither a Queue nor a Topic
     */
    public static FieldpostMessage copyOf(Message foreign) throws JMSException {
        if (foreign instanceof FieldpostMessage own) {
            return own;
        }
        return ForeignMessages.copyOf(foreign);
    }

    private static FieldpostMessage decodeBody(Object bodyType, BasicProperties properties, byte[] body) {
        String type = bodyType == null || !BODY_TYPES.contains(bodyType.toString()) ? null : bodyType.toString();
        if (JmsHeaders.BODY_MAP.equals(type)) {
            Map<String, Object> entries = body.length == 0 ? Map.of() : BodyCodec.decodeMap(body);
            if (entries != null) {
                FieldpostMapMessage map = new FieldpostMapMessage();
                map.entries().putAll(entries);
                return map;
            }
        } else if (JmsHeaders.BODY_STREAM.equals(type)) {
            List<Object> items = body.length == 0 ? List.of() : BodyCodec.decodeStream(body);
            if (items != null) {
                FieldpostStreamMessage stream = new FieldpostStreamMessage();
                stream.items().addAll(items);
                return stream;
            }
        } else if (JmsHeaders.BODY_OBJECT.equals(type)) {
            FieldpostObjectMessage object = new FieldpostObjectMessage();
            object.decodedSerialized(body);
            return object;
        } else if (JmsHeaders.BODY_MESSAGE.equals(type)) {
            return new FieldpostMessage();
        } else if (JmsHeaders.BODY_TEXT.equals(type) || type == null && isText(properties.contentType())) {
            FieldpostTextMessage text = new FieldpostTextMessage();
            boolean nullText = body.length == 0 && properties.contentType() == null;
            text.decodedText(nullText ? null : new String(body, charset(properties)));
            return text;
        }
        FieldpostBytesMessage bytes = new FieldpostBytesMessage();
        bytes.decodedContent(body);
        return bytes;
    }

    private static boolean isText(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/");
    }

    /** The content type's charset parameter, else a content encoding that names a charset, else UTF-8. */
    static Charset charset(BasicProperties properties) {
        String contentType = properties.contentType();
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                    Charset named = charsetOrNull(pair[1].trim().replace("\"", ""));
                    if (named != null) {
                        return named;
                    }
                }
            }
        }
        Charset encoding = charsetOrNull(properties.contentEncoding());
        return encoding != null ? encoding : StandardCharsets.UTF_8;
    }

    private static Charset charsetOrNull(String name) {
        try {
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException illegalName) {
            return null;
        }
    }

    /** JMSDestination of a delivery without {@code x-jms-destination}: what its exchange and key say. */
    static FieldpostDestination deliveredTo(String exchange, String routingKey) {
        if (exchange == null) {
            return null;
        }
        if (exchange.isEmpty() || exchange.equals(JmsHeaders.QUEUES_EXCHANGE)) {
            return destination(routingKey);
        }
        if (exchange.equals(JmsHeaders.TOPICS_EXCHANGE)) {
            if (routingKey == null || routingKey.isEmpty()) {
                return null;
            }
            return routingKey.startsWith(FieldpostDestination.TEMPORARY_PREFIX)
                ? FieldpostDestination.of(FieldpostDestination.Kind.TEMPORARY_TOPIC, routingKey)
                : FieldpostDestination.of(FieldpostDestination.Kind.TOPIC, routingKey);
        }
        return exchange.startsWith(FieldpostDestination.TEMPORARY_PREFIX)
            ? FieldpostDestination.of(FieldpostDestination.Kind.TEMPORARY_TOPIC, exchange)
            : FieldpostDestination.of(FieldpostDestination.Kind.FANOUT_TOPIC, exchange);
    }

    private static FieldpostDestination destination(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        try {
            return FieldpostDestination.fromAddress(address);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static long longHeader(Map<String, Object> headers, String name, long otherwise) {
        Object value = headers.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof Date date) {
            return date.getTime();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException notANumber) {
                return otherwise;
            }
        }
        return otherwise;
    }

    private static String stringHeader(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    private static String shortString(String value, String what) throws MessageFormatException {
        if (value != null && value.length() > SHORTSTR_MAX / 3
            && value.getBytes(StandardCharsets.UTF_8).length > SHORTSTR_MAX) {
            throw new MessageFormatException(what + " is longer than 255 UTF-8 bytes, the limit of its AMQP field");
        }
        return value;
    }
}
