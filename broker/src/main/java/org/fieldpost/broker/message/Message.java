package org.fieldpost.broker.message;

import java.util.Map;
import java.util.Objects;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.codec.LazyFieldTable;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A published message as the broker holds it: immutable and shared by every queue it is routed to
 * (a fanout to a thousand queues keeps one body).
 *
 * <p>Concurrency: immutable, except for {@link #encodedProperties()}, a cache the transport fills
 * once. Two threads may race to fill it; both compute the same bytes, so the race is benign.
 */
public final class Message {

    private final long id;
    private final String exchange;
    private final String routingKey;
    private final BasicProperties properties;
    private final byte[] body;
    private final long arrivalMillis;
    private final long expiresAtMillis;
    private final Object publisher;
    private final long deliveryTimeMillis;
    private volatile byte[] encodedProperties;

    private Message(long id, String exchange, String routingKey, BasicProperties properties, byte[] body,
                    long arrivalMillis, long expiresAtMillis, Object publisher) {
        this.id = id;
        this.publisher = publisher;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        this.properties = properties == null ? BasicProperties.EMPTY : properties;
        this.deliveryTimeMillis = deliveryTimeOf(this.properties);
        this.body = body == null ? new byte[0] : body;
        this.arrivalMillis = arrivalMillis;
        this.expiresAtMillis = expiresAtMillis;
    }

    /**
     * A message as published. The body array is kept, not copied: the caller must not change it.
     *
     * @param arrivalMillis broker clock at publish, the base of the {@code expiration} property
     * @throws IllegalArgumentException if the expiration property is invalid (the channel checks it
     *     first with {@link #checkExpiration(BasicProperties)})
     */
    public static Message create(long id, String exchange, String routingKey, BasicProperties properties,
                                 byte[] body, long arrivalMillis) {
        return create(id, exchange, routingKey, properties, body, arrivalMillis, null);
    }

    /**
     * A message as published through a connection; {@code publisher} identifies that connection for
     * no-local consumers. It is an identity token only, never stored.
     */
    public static Message create(long id, String exchange, String routingKey, BasicProperties properties,
                                 byte[] body, long arrivalMillis, Object publisher) {
        long ttl = properties == null ? -1 : Expiration.parse(properties.expiration());
        if (ttl == Expiration.INVALID) {
            throw new IllegalArgumentException("invalid expiration '" + properties.expiration() + "'");
        }
        long expiresAt = ttl < 0 ? 0 : saturatedAdd(arrivalMillis, ttl);
        return new Message(id, exchange, routingKey, properties, body, arrivalMillis, expiresAt, publisher);
    }

    /** Reads the one header the broker needs of every message without decoding the others. */
    private static long deliveryTimeOf(BasicProperties properties) {
        Object value = LazyFieldTable.valueOf(properties.headers(), JmsHeaders.X_DELIVERY_TIME);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The earliest time this message may be delivered, from the {@code x-delivery-time} header
     * (JMS delivery delay); 0 when it may be delivered at once.
     */
    public long deliveryTimeMillis() {
        return deliveryTimeMillis;
    }

    /**
     * A message read back from a store: every field as it was stored (the expiry is not derived
     * again from the {@code expiration} property). The body array is kept, not copied.
     */
    public static Message restore(long id, String exchange, String routingKey, BasicProperties properties,
                                  byte[] body, long arrivalMillis, long expiresAtMillis) {
        return new Message(id, exchange, routingKey, properties, body, arrivalMillis, expiresAtMillis, null);
    }

    /** The connection that published this message, or null when unknown (recovered, dead-lettered). */
    public Object publisher() {
        return publisher;
    }

    /**
     * Validates the {@code expiration} property at publish: absent, or a non-negative decimal integer
     * of milliseconds.
     *
     * @throws ProtocolException 406 PRECONDITION_FAILED "invalid expiration ..."
     */
    public static void checkExpiration(BasicProperties properties) throws ProtocolException {
        if (properties != null && Expiration.parse(properties.expiration()) == Expiration.INVALID) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                "invalid expiration '" + properties.expiration() + "'");
        }
    }

    /**
     * A copy for dead-lettering or republishing: new id, exchange and routing key, the given headers,
     * the same body (shared). When {@code keepExpiration} is false the {@code expiration} property is
     * dropped, as RabbitMQ does for dead-lettered messages, and the copy never expires by itself.
     */
    public Message withHeadersAndRouting(long newId, String newExchange, String newRoutingKey,
                                         Map<String, Object> headers, boolean keepExpiration, long nowMillis) {
        BasicProperties p = properties;
        BasicProperties copy = new BasicProperties(p.contentType(), p.contentEncoding(), headers,
            p.deliveryMode(), p.priority(), p.correlationId(), p.replyTo(),
            keepExpiration ? p.expiration() : null, p.messageId(), p.timestamp(), p.type(), p.userId(),
            p.appId(), p.clusterId());
        long expiresAt = keepExpiration ? expiresAtMillis : 0;
        return new Message(newId, newExchange, newRoutingKey, copy, body, nowMillis, expiresAt, null);
    }

    public long id() {
        return id;
    }

    /** The exchange the message was published to. */
    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    /** The content properties, never null ({@link BasicProperties#EMPTY} when none). */
    public BasicProperties properties() {
        return properties;
    }

    /** The body; shared, must not be modified. */
    public byte[] body() {
        return body;
    }

    public int bodySize() {
        return body.length;
    }

    /** True for delivery mode 2. */
    public boolean persistent() {
        return properties.persistent();
    }

    /** The priority property, 0 when absent, clamped to 0..255. */
    public int priority() {
        Integer p = properties.priority();
        return p == null ? 0 : Math.max(0, Math.min(255, p));
    }

    /** Broker clock when the message arrived. */
    public long arrivalMillis() {
        return arrivalMillis;
    }

    /** When the per-message TTL ({@code expiration}) runs out, in broker clock millis; 0 = never. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** The encoded content properties cached by the transport, or null. */
    public byte[] encodedProperties() {
        return encodedProperties;
    }

    /** Caches the encoded content properties; the bytes must not be changed afterwards. */
    public void cacheEncodedProperties(byte[] encoded) {
        this.encodedProperties = encoded;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return "Message[" + id + " '" + exchange + "' '" + routingKey + "' " + body.length + " bytes]";
    }
}
