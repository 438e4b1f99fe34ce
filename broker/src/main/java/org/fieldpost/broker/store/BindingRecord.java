package org.fieldpost.broker.store;

import java.util.Map;

/**
 * A durable binding as stored: one whose source and destination are both durable.
 *
 * @param source source exchange name
 * @param destination destination queue or exchange name
 * @param destinationIsExchange true for exchange-to-exchange bindings
 * @param routingKey binding key
 * @param arguments binding arguments, never null
 */
public record BindingRecord(String source, String destination, boolean destinationIsExchange, String routingKey,
                            Map<String, Object> arguments) {

    public BindingRecord {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
