package org.fieldpost.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code x-death} header that a dead-lettering broker adds (RabbitMQ's format: a list
 * of tables, most recent first, one per (queue, reason)).
 */
public final class XDeath {

    private final Map<String, Object> entry;

    private XDeath(Map<String, Object> entry) {
        this.entry = entry;
    }

    /** All entries of the message's x-death header, most recent first. */
    @SuppressWarnings("unchecked")
    public static List<XDeath> all(AMQP.BasicProperties props) {
        assertThat(props.getHeaders()).as("message headers").isNotNull().containsKey("x-death");
        Object header = props.getHeaders().get("x-death");
        assertThat(header).as("x-death is an array").isInstanceOf(List.class);
        List<XDeath> result = new ArrayList<>();
        for (Object item : (List<Object>) header) {
            assertThat(item).as("x-death entry is a table").isInstanceOf(Map.class);
            result.add(new XDeath((Map<String, Object>) item));
        }
        return result;
    }

    /** The most recent x-death entry. */
    public static XDeath first(AMQP.BasicProperties props) {
        List<XDeath> all = all(props);
        assertThat(all).as("x-death entries").isNotEmpty();
        return all.get(0);
    }

    /** The entry for {@code queue}; fails if there is none. */
    public static XDeath forQueue(AMQP.BasicProperties props, String queue) {
        return all(props).stream().filter(d -> queue.equals(d.queue())).findFirst()
            .orElseThrow(() -> new AssertionError("no x-death entry for queue " + queue));
    }

    public String reason() {
        return text("reason");
    }

    public String queue() {
        return text("queue");
    }

    public String exchange() {
        return text("exchange");
    }

    public String originalExpiration() {
        return text("original-expiration");
    }

    /** The count field, a long in RabbitMQ; any integral type is accepted. */
    public long count() {
        Object count = entry.get("count");
        assertThat(count).as("x-death count").isInstanceOf(Number.class);
        return ((Number) count).longValue();
    }

    /** The routing-keys field as strings. */
    public List<String> routingKeys() {
        Object keys = entry.get("routing-keys");
        assertThat(keys).as("x-death routing-keys").isInstanceOf(List.class);
        List<String> result = new ArrayList<>();
        for (Object key : (List<?>) keys) {
            result.add(String.valueOf(key));
        }
        return result;
    }

    /** The time field (an AMQP timestamp). */
    public Date time() {
        Object time = entry.get("time");
        return time instanceof Date ? (Date) time : null;
    }

    private String text(String field) {
        Object value = entry.get(field);
        return value == null ? null : value.toString();
    }
}
