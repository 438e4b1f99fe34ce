package org.fieldpost.broker.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldpost.broker.message.FieldValues;

/**
 * A binding from a source exchange to a destination. Two bindings are the same when source,
 * destination (identity), routing key and arguments are equal, as in RabbitMQ: binding twice with
 * different arguments creates two bindings.
 *
 * @param source the source exchange name
 * @param destination the queue or exchange bound
 * @param routingKey the binding key (a pattern for topic exchanges)
 * @param arguments binding arguments, never null (unmodifiable)
 */
public record Binding(String source, Destination destination, String routingKey, Map<String, Object> arguments) {

    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        routingKey = routingKey == null ? "" : routingKey;
        arguments = arguments == null || arguments.isEmpty()
            ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binding b && source.equals(b.source) && destination == b.destination
            && routingKey.equals(b.routingKey) && FieldValues.mapsEqual(arguments, b.arguments);
    }

    @Override
    public int hashCode() {
        // arguments are left out: their values (byte[], numbers of any width) have no stable hash
        return Objects.hash(source, System.identityHashCode(destination), routingKey);
    }

    @Override
    public String toString() {
        return "Binding['" + source + "' -> '" + destination.name() + "' key '" + routingKey + "' " + arguments + "]";
    }
}
