package org.fieldpost.broker.exchange;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;

/**
 * Routes every message to every binding, ignoring the routing key.
 *
 * <p>A binding change costs the same whatever the number of other bindings: it edits a set and drops
 * the routing snapshot. The first message routed after a change rebuilds the snapshot, an array of
 * the bindings in binding order, once; routing is linear in the bindings anyway, since it selects all
 * of them.
 *
 * <p>Concurrency: the set is guarded by the exchange monitor, under which bindings change and the
 * snapshot is rebuilt; routing reads the volatile snapshot and takes the monitor only when a change
 * has dropped it.
 */
public final class FanoutExchange extends Exchange {

    private static final Binding[] NONE = {};

    /** Guarded by this. */
    private final Set<Binding> bound = new LinkedHashSet<>();
    /** Every binding, or null after a change until the next route rebuilds it. Written under this. */
    private volatile Binding[] routes = NONE;

    FanoutExchange(String name, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> args) {
        super(name, ExchangeType.FANOUT, durable, autoDelete, internal, args);
    }

    @Override
    public void route(Message message, Set<Destination> out) {
        Binding[] snapshot = routes;
        if (snapshot == null) {
            snapshot = rebuild();
        }
        for (Binding b : snapshot) {
            if (b.accepts(message)) {
                out.add(b.destination());
            }
        }
    }

    private synchronized Binding[] rebuild() {
        Binding[] snapshot = routes;
        if (snapshot == null) {
            snapshot = bound.toArray(NONE);
            routes = snapshot;
        }
        return snapshot;
    }

    @Override
    protected void addRoute(Binding binding) {
        bound.add(binding);
        routes = null;
    }

    @Override
    protected void removeRoute(Binding binding) {
        bound.remove(binding);
        routes = null;
    }
}
