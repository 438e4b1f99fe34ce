package org.fieldpost.broker.exchange;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fieldpost.broker.message.Message;

/**
 * The nameless default exchange: a direct exchange to which every queue is implicitly bound by its
 * name. It holds no bindings; it looks the routing key up in the virtual host's queue table.
 * Explicit binding is refused by the virtual host (403).
 *
 * <p>Concurrency: stateless; the lookup function must be thread-safe.
 */
public final class DefaultExchange extends Exchange {

    private final Function<String, ? extends Destination> queues;

    /** @param queues looks a queue up by name, null when missing */
    public DefaultExchange(Function<String, ? extends Destination> queues) {
        super("", ExchangeType.DIRECT, true, false, false, Map.of());
        this.queues = queues;
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        Destination queue = queues.apply(message.routingKey());
        if (queue != null) {
            out.add(queue);
        }
    }

    @Override
    protected void addRoute(Binding binding) {
        throw new UnsupportedOperationException("the default exchange cannot be bound");
    }

    @Override
    protected void removeRoute(Binding binding) {
        throw new UnsupportedOperationException("the default exchange cannot be unbound");
    }
}
