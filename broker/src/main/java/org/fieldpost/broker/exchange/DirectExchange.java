package org.fieldpost.broker.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldpost.broker.message.Message;

/**
 * Routes on routing key equality: one hash lookup per message.
 *
 * <p>Concurrency: a concurrent map from key to an immutable list of bindings; a binding change
 * replaces that key's list (copy-on-write per key) under the exchange monitor.
 */
public final class DirectExchange extends Exchange {

    private final ConcurrentHashMap<String, List<Binding>> byKey = new ConcurrentHashMap<>();

    DirectExchange(String name, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        super(name, ExchangeType.DIRECT, durable, autoDelete, internal, args);
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        List<Binding> bindings = byKey.get(message.routingKey());
        if (bindings != null) {
            for (Binding b : bindings) {
                if (b.accepts(message)) {
                    out.add(b.destination());
                }
            }
        }
    }

    @Override
    protected void addRoute(Binding binding) {
        List<Binding> old = byKey.getOrDefault(binding.routingKey(), List.of());
        List<Binding> copy = new ArrayList<>(old);
        copy.add(binding);
        byKey.put(binding.routingKey(), List.copyOf(copy));
    }

    @Override
    protected void removeRoute(Binding binding) {
        List<Binding> copy = new ArrayList<>(byKey.getOrDefault(binding.routingKey(), List.of()));
        copy.remove(binding);
        if (copy.isEmpty()) {
            byKey.remove(binding.routingKey());
        } else {
            byKey.put(binding.routingKey(), List.copyOf(copy));
        }
    }

    /** Number of distinct routing keys with bindings (for tests). */
    int keyCount() {
        return byKey.size();
    }
}
