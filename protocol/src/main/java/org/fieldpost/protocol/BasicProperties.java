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

    /** A builder with every property absent. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these properties, e.g. to add a header to a copy. */
    public Builder toBuilder() {
        return new Builder().contentType(contentType).contentEncoding(contentEncoding).headers(headers)
            .deliveryMode(deliveryMode).priority(priority).correlationId(correlationId).replyTo(replyTo)
            .expiration(expiration).messageId(messageId).timestamp(timestamp).type(type).userId(userId)
            .appId(appId).clusterId(clusterId);
    }

    /** Builds {@link BasicProperties}; a property left unset (or set to {@code null}) is absent. Not thread-safe. */
    public static final class Builder {
        private String contentType;
        private String contentEncoding;
        private Map<String, Object> headers;
        private Integer deliveryMode;
        private Integer priority;
        private String correlationId;
        private String replyTo;
        private String expiration;
        private String messageId;
        private Long timestamp;
        private String type;
        private String userId;
        private String appId;
        private String clusterId;

        private Builder() {
        }

        public Builder contentType(String value) {
            contentType = value;
            return this;
        }

        public Builder contentEncoding(String value) {
            contentEncoding = value;
            return this;
        }

        public Builder headers(Map<String, Object> value) {
            headers = value;
            return this;
        }

        public Builder deliveryMode(Integer value) {
            deliveryMode = value;
            return this;
        }

        public Builder priority(Integer value) {
            priority = value;
            return this;
        }

        public Builder correlationId(String value) {
            correlationId = value;
            return this;
        }

        public Builder replyTo(String value) {
            replyTo = value;
            return this;
        }

        public Builder expiration(String value) {
            expiration = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder timestamp(Long value) {
            timestamp = value;
            return this;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder appId(String value) {
            appId = value;
            return this;
        }

        public Builder clusterId(String value) {
            clusterId = value;
            return this;
        }

        public BasicProperties build() {
            return new BasicProperties(contentType, contentEncoding, headers, deliveryMode, priority, correlationId,
                replyTo, expiration, messageId, timestamp, type, userId, appId, clusterId);
        }
    }
}
