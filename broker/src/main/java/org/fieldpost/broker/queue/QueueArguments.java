package org.fieldpost.broker.queue;

import java.util.List;
import java.util.Map;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/**
 * The queue declaration arguments the broker understands, parsed and validated. Unknown arguments
 * are kept on the queue but otherwise ignored, as in RabbitMQ.
 *
 * @param messageTtl {@code x-message-ttl} ms, or null
 * @param expires {@code x-expires} ms (&gt; 0), or null
 * @param maxLength {@code x-max-length} (ready messages), or null
 * @param maxLengthBytes {@code x-max-length-bytes} (body bytes of ready messages), or null
 * @param overflow {@code x-overflow}
 * @param deadLetterExchange {@code x-dead-letter-exchange}, or null
 * @param deadLetterRoutingKey {@code x-dead-letter-routing-key}, or null (keep the message's key)
 * @param maxPriority {@code x-max-priority}, 0 for a FIFO queue
 */
public record QueueArguments(Long messageTtl, Long expires, Long maxLength, Long maxLengthBytes,
                             Overflow overflow, String deadLetterExchange, String deadLetterRoutingKey,
                             int maxPriority) {

    public static final String MESSAGE_TTL = "x-message-ttl";
    public static final String EXPIRES = "x-expires";
    public static final String MAX_LENGTH = "x-max-length";
    public static final String MAX_LENGTH_BYTES = "x-max-length-bytes";
    public static final String OVERFLOW = "x-overflow";
    public static final String DEAD_LETTER_EXCHANGE = "x-dead-letter-exchange";
    public static final String DEAD_LETTER_ROUTING_KEY = "x-dead-letter-routing-key";
    public static final String MAX_PRIORITY = "x-max-priority";

    /** The arguments compared when a queue is redeclared (RabbitMQ's list). */
    public static final List<String> EQUIVALENCE_KEYS = List.of(MESSAGE_TTL, EXPIRES, MAX_LENGTH, MAX_LENGTH_BYTES,
        OVERFLOW, DEAD_LETTER_EXCHANGE, DEAD_LETTER_ROUTING_KEY, MAX_PRIORITY);

    /** No arguments at all: a plain FIFO queue. */
    public static final QueueArguments NONE =
        new QueueArguments(null, null, null, null, Overflow.DROP_HEAD, null, null, 0);

    /** What a full queue does with a new message. */
    public enum Overflow {
        DROP_HEAD("drop-head"),
        REJECT_PUBLISH("reject-publish"),
        REJECT_PUBLISH_DLX("reject-publish-dlx");

        private final String wireName;

        Overflow(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * Parses and validates.
     *
     * @param defaultMaxPriority the virtual host's maximum priority for queues declared without
     *     {@code x-max-priority} (0 = FIFO)
     * @throws ProtocolException 406 PRECONDITION_FAILED for a wrong type or value
     */
    public static QueueArguments parse(String queue, String vhost, Map<String, Object> args, int defaultMaxPriority)
        throws ProtocolException {
        if (args == null || args.isEmpty()) {
            return defaultMaxPriority == 0 ? NONE
                : new QueueArguments(null, null, null, null, Overflow.DROP_HEAD, null, null, defaultMaxPriority);
        }
        Parser p = new Parser(queue, vhost, args);
        Long ttl = p.nonNegative(MESSAGE_TTL);
        Long expires = p.nonNegative(EXPIRES);
        if (expires != null && expires == 0) {
            throw p.invalid(EXPIRES, "value must be positive");
        }
        Long maxLength = p.nonNegative(MAX_LENGTH);
        Long maxBytes = p.nonNegative(MAX_LENGTH_BYTES);
        Overflow overflow = p.overflow();
        String dlx = p.string(DEAD_LETTER_EXCHANGE);
        String dlrk = p.string(DEAD_LETTER_ROUTING_KEY);
        if (dlrk != null && dlx == null) {
            throw p.invalid(DEAD_LETTER_ROUTING_KEY, "requires x-dead-letter-exchange");
        }
        Long maxPriority = p.nonNegative(MAX_PRIORITY);
        if (maxPriority != null && (maxPriority < 1 || maxPriority > 255)) {
            throw p.invalid(MAX_PRIORITY, "value must be between 1 and 255");
        }
        int priorities = maxPriority == null ? defaultMaxPriority : maxPriority.intValue();
        return new QueueArguments(ttl, expires, maxLength, maxBytes, overflow, dlx, dlrk, priorities);
    }

    /**
     * The first argument of {@link #EQUIVALENCE_KEYS} whose values differ, formatted as RabbitMQ's
     * "inequivalent arg" text, or null when equivalent.
     */
    public static String inequivalence(String queue, String vhost, Map<String, Object> current,
                                       Map<String, Object> received) {
        Map<String, Object> c = current == null ? Map.of() : current;
        Map<String, Object> r = received == null ? Map.of() : received;
        for (String key : EQUIVALENCE_KEYS) {
            if (!FieldValues.equal(c.get(key), r.get(key))) {
                return "inequivalent arg '" + key + "' for queue '" + queue + "' in vhost '" + vhost
                    + "': received " + describe(r.get(key)) + " but current is " + describe(c.get(key));
            }
        }
        return null;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "none";
        }
        String s = FieldValues.asString(v);
        return "'" + (s != null ? s : v) + "'";
    }

    /** Validates one argument at a time, producing RabbitMQ-style texts. */
    private static final class Parser {
        private final String queue;
        private final String vhost;
        private final Map<String, Object> args;

        Parser(String queue, String vhost, Map<String, Object> args) {
            this.queue = queue;
            this.vhost = vhost;
            this.args = args;
        }

        Long nonNegative(String key) throws ProtocolException {
            Object v = args.get(key);
            if (v == null) {
                return null;
            }
            if (!FieldValues.isIntegral(v)) {
                throw invalid(key, "expected an integer, got " + v.getClass().getSimpleName() + " '" + v + "'");
            }
            long n = ((Number) v).longValue();
            if (n < 0) {
                throw invalid(key, "value " + n + " is negative");
            }
            return n;
        }

        String string(String key) throws ProtocolException {
            Object v = args.get(key);
            if (v == null) {
                return null;
            }
            String s = FieldValues.asString(v);
            if (s == null) {
                throw invalid(key, "expected a string, got " + v.getClass().getSimpleName());
            }
            return s;
        }

        Overflow overflow() throws ProtocolException {
            String s = string(OVERFLOW);
            if (s == null) {
                return Overflow.DROP_HEAD;
            }
            for (Overflow o : Overflow.values()) {
                if (o.wireName.equals(s)) {
                    return o;
                }
            }
            throw invalid(OVERFLOW, "unknown value '" + s + "'");
        }

        ProtocolException invalid(String key, String why) {
            return new ProtocolException(ReplyCode.PRECONDITION_FAILED,
                "invalid arg '" + key + "' for queue '" + queue + "' in vhost '" + vhost + "': " + why);
        }
    }
}
