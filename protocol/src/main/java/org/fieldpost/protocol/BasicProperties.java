package org.fieldpost.protocol;

import java.util.Map;

/**
 * The 14 content properties of class {@code basic} (spec section 1.8), in flag order. A
 * {@code null} component is absent on the wire (its property flag is clear).
 *
 * @param contentType MIME type, shortstr
 * @param contentEncoding MIME encoding, shortstr
 * @param headers application headers, field table (see {@code FieldTables} for value types)
 * @param deliveryMode 1 transient, 2 persistent (octet)
 * @param priority 0-9 (octet)
 * @param correlationId shortstr
 * @param replyTo shortstr
 * @param expiration per-message TTL in milliseconds as a decimal string, shortstr
 * @param messageId shortstr
 * @param timestamp seconds since the epoch (timestamp)
 * @param type message type name, shortstr
 * @param userId creating user id, shortstr
 * @param appId creating application id, shortstr
 * @param clusterId reserved, shortstr
 */
public record BasicProperties(
    String contentType,
    String contentEncoding,
    Map<String, Object> headers,
    Integer deliveryMode,
    Integer priority,
    String correlationId,
    String replyTo,
    String expiration,
    String messageId,
    Long timestamp,
    String type,
    String userId,
    String appId,
    String clusterId) {

    /** Properties with every flag clear. */
    public static final BasicProperties EMPTY =
        new BasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** True when {@code deliveryMode} is 2 (persistent). */
    public boolean persistent() {
        return deliveryMode != null && deliveryMode == 2;
    }
}
