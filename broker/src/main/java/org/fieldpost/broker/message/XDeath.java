package org.fieldpost.broker.message;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-death} bookkeeping RabbitMQ adds to dead-lettered messages, as pure functions over
 * header maps.
 *
 * <p>{@code x-death} is an array of tables, most recent first, one per (queue, reason): {@code count}
 * (long), {@code reason}, {@code queue}, {@code time} (timestamp), {@code exchange},
 * {@code routing-keys} (array) and, if the message had one, {@code original-expiration}. A repeated
 * death for the same queue and reason increments the existing table's count and moves it to the
 * front. {@code x-first-death-reason/queue/exchange} are set once; {@code x-last-death-*} every time
 * (RabbitMQ 3.13+).
 */
public final class XDeath {

    public static final String HEADER = "x-death";
    private static final String REJECTED = "rejected";

    private XDeath() {
    }

    /**
     * The headers of {@code message} updated for one more death.
     *
     * @param queue the queue the message dies in
     * @param reason {@code rejected}, {@code expired}, {@code maxlen} or {@code delivery_limit}
     */
    public static Map<String, Object> update(Message message, String queue, String reason, long nowMillis) {
        Map<String, Object> old = message.properties().headers();
        Map<String, Object> headers = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
        List<Object> deaths = new ArrayList<>();
        Map<String, Object> current = null;
        if (headers.get(HEADER) instanceof List<?> list) {
            for (Object o : list) {
                if (current == null && o instanceof Map<?, ?> m && isFor(m, queue, reason)) {
                    current = copyTable(m);
                } else {
                    deaths.add(o);
                }
            }
        }
        if (current == null) {
            current = newDeath(message, queue, reason, nowMillis);
        } else {
            Object count = current.get("count");
            current.put("count", (count instanceof Number n ? n.longValue() : 0L) + 1);
        }
        deaths.add(0, current);
        headers.put(HEADER, deaths);
        headers.putIfAbsent("x-first-death-reason", reason);
        headers.putIfAbsent("x-first-death-queue", queue);
        headers.putIfAbsent("x-first-death-exchange", message.exchange());
        headers.put("x-last-death-reason", reason);
        headers.put("x-last-death-queue", queue);
        headers.put("x-last-death-exchange", message.exchange());
        return headers;
    }

    /**
     * RabbitMQ's cycle rule: given the already updated headers, routing the message to
     * {@code targetQueue} closes a cycle when {@code x-death} (walked from the front) reaches an entry
     * for that queue and no entry up to and including it has reason {@code rejected}. Such a message
     * is dropped for that queue. Deaths for reason {@code rejected} never form a cycle.
     */
    public static boolean isCycle(Map<String, Object> headers, String reason, String targetQueue) {
        if (REJECTED.equals(reason) || headers == null || !(headers.get(HEADER) instanceof List<?> deaths)) {
            return false;
        }
        for (Object o : deaths) {
            if (!(o instanceof Map<?, ?> death)) {
                return false;
            }
            if (REJECTED.equals(FieldValues.asString(death.get("reason")))) {
                return false;
            }
            if (targetQueue.equals(FieldValues.asString(death.get("queue")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFor(Map<?, ?> death, String queue, String reason) {
        return queue.equals(FieldValues.asString(death.get("queue")))
            && reason.equals(FieldValues.asString(death.get("reason")));
    }

    private static Map<String, Object> copyTable(Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static Map<String, Object> newDeath(Message message, String queue, String reason, long nowMillis) {
        Map<String, Object> death = new LinkedHashMap<>();
        death.put("count", 1L);
        death.put("reason", reason);
        death.put("queue", queue);
        // AMQP timestamps have a resolution of seconds
        death.put("time", new Date(nowMillis / 1000 * 1000));
        death.put("exchange", message.exchange());
        death.put("routing-keys", List.of(message.routingKey()));
        String expiration = message.properties().expiration();
        if (expiration != null) {
            death.put("original-expiration", expiration);
        }
        return death;
    }
}
