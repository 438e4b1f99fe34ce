package org.fieldpost.broker.store;

import java.util.Map;

/**
 * A durable queue as stored (exclusive queues are never stored).
 *
 * @param name queue name
 * @param autoDelete auto-delete flag
 * @param arguments declaration arguments (field-table values), never null
 */
public record QueueRecord(String name, boolean autoDelete, Map<String, Object> arguments) {

    public QueueRecord {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
