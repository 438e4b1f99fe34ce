package org.fieldpost.broker.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;

/**
 * Routes every message to every binding, ignoring the routing key.
 *
 * <p>Concurrency: an immutable list of destinations in a volatile field, replaced (copy-on-write)
 * under the exchange monitor when bindings change.
 */
public final class FanoutExchange extends Exchange {

    private volatile List<Binding> routes = List.of();

    FanoutExchange(String name, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        super(name, ExchangeType.FANOUT, durable, autoDelete, internal, args);
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        for (Binding b : routes) {
            if (b.accepts(message)) {
                out.add(b.destination());
            }
        }
    }

    @Override
    protected void addRoute(Binding binding) {
        List<Binding> copy = new ArrayList<>(routes);
        copy.add(binding);
        routes = List.copyOf(copy);
    }

    @Override
    protected void removeRoute(Binding binding) {
        List<Binding> copy = new ArrayList<>(routes);
        copy.remove(binding);
        routes = List.copyOf(copy);
    }
}
