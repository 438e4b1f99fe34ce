package org.fieldpost.broker.vhost;

import java.util.Map;
import org.fieldpost.broker.exchange.Binding;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.protocol.ProtocolException;

/**
 * Binding changes of one virtual host: store write-through (for bindings whose two ends are
 * durable) and auto-delete of exchanges that lose their last binding.
 *
 * <p>Concurrency: every method runs under the virtual host's topology lock.
 */
final class Bindings {

    private final Exchanges exchanges;
    private final MessageStore store;

    Bindings(Exchanges exchanges, MessageStore store) {
        this.exchanges = exchanges;
        this.store = store;
    }

    void bind(Exchange source, Destination destination, String routingKey, Map<String, Object> args,
              boolean destinationStored) throws ProtocolException {
        Binding.parseSelector(args);
        source.validateBinding(routingKey, args);
        Binding binding = new Binding(source.name(), destination, routingKey, args);
        if (source.bind(binding) && source.durable() && destinationStored) {
            store.createBinding(record(binding));
        }
    }

    void unbind(Exchange source, Destination destination, String routingKey, Map<String, Object> args,
                boolean destinationStored) {
        Binding binding = new Binding(source.name(), destination, routingKey, args);
        if (source.unbind(binding)) {
            if (source.durable() && destinationStored) {
                store.deleteBinding(record(binding));
            }
            maybeAutoDelete(source);
        }
    }

    /**
     * Removes every binding leading to a deleted queue or exchange (the store already dropped them
     * with the queue or exchange record) and auto-deletes sources left without bindings.
     */
    void removeDestination(Destination destination) {
        for (Exchange x : exchanges.snapshot()) {
            if (!x.unbindAll(destination).isEmpty()) {
                maybeAutoDelete(x);
            }
        }
    }

    private void maybeAutoDelete(Exchange x) {
        if (x.autoDelete() && !x.hasBindings()) {
            exchanges.remove(x);
        }
    }

    private static BindingRecord record(Binding b) {
        return new BindingRecord(b.source(), b.destination().name(), b.destination() instanceof Exchange,
            b.routingKey(), b.arguments());
    }
}
