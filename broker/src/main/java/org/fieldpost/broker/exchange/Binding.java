package org.fieldpost.broker.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.jms.AmqpSelectorContext;
import org.fieldpost.protocol.jms.JmsHeaders;
import org.fieldpost.protocol.selector.Selector;
import org.fieldpost.protocol.selector.SelectorSyntaxException;

/**
 * A binding from a source exchange to a destination. Two bindings are the same when source,
 * destination (identity), routing key and arguments are equal, as in RabbitMQ: binding twice with
 * different arguments creates two bindings.
 *
 * @param source the source exchange name
 * @param destination the queue or exchange bound
 * @param routingKey the binding key (a pattern for topic exchanges)
 * @param arguments binding arguments, never null (unmodifiable)
 * @param selector the JMS selector of the {@code x-selector} argument, or null (Fieldpost extension:
 *     only matching messages are routed through this binding)
 */
public record Binding(String source, Destination destination, String routingKey, Map<String, Object> arguments,
                      Selector selector) {

    /** A binding whose selector, if any, comes from its arguments. */
    public Binding(String source, Destination destination, String routingKey, Map<String, Object> arguments) {
        this(source, destination, routingKey, arguments, selectorOf(arguments));
    }

    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        routingKey = routingKey == null ? "" : routingKey;
        arguments = arguments == null || arguments.isEmpty()
            ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /**
     * The selector named by the {@code x-selector} argument, or null when there is none.
     *
     * @throws ProtocolException 406 PRECONDITION_FAILED for a selector that does not parse
     */
    public static Selector parseSelector(Map<String, Object> arguments) throws ProtocolException {
        Object text = arguments == null ? null : arguments.get(JmsHeaders.X_SELECTOR);
        if (text == null) {
            return null;
        }
        try {
            Selector selector = Selector.parse(text.toString());
            return selector == Selector.ALL ? null : selector;
        } catch (SelectorSyntaxException e) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, "PRECONDITION_FAILED - invalid selector '"
                + text + "': " + e.getMessage());
        }
    }

    private static Selector selectorOf(Map<String, Object> arguments) {
        try {
            return parseSelector(arguments);
        } catch (ProtocolException e) {
            // Declared bindings were validated before; a stored one that no longer parses routes nothing.
            return NOTHING;
        }
    }

    private static final Selector NOTHING = parseOrFail("FALSE");

    private static Selector parseOrFail(String text) {
        try {
            return Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when messages routed through this binding may take {@code message} (its selector matches). */
    public boolean accepts(Message message) {
        return selector == null || selector.matches(new AmqpSelectorContext(message.properties(), false));
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
