package org.fieldpost.broker.store;

import java.util.Map;

/**
 * A durable exchange as stored.
 *
 * @param name exchange name
 * @param type wire type name ("direct", "fanout", "topic", "headers")
 * @param autoDelete auto-delete flag
 * @param internal internal flag
 * @param arguments declaration arguments (field-table values), never null
 */
public record ExchangeRecord(String name, String type, boolean autoDelete, boolean internal,
                             Map<String, Object> arguments) {

    public ExchangeRecord {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
