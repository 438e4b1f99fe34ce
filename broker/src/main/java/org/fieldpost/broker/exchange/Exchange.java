package org.fieldpost.broker.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.ProtocolException;

/**
 * An exchange: routes messages to destinations through its bindings. Subclasses keep a routing
 * structure per type so that routing never scans all bindings (except headers, where it is inherent).
 *
 * <p>Concurrency: routing runs concurrently on many connection threads and takes no lock; binding
 * changes are rare and serialized on the exchange's monitor. The binding set below is guarded by
 * {@code this}; each subclass's routing structure is published through volatile or concurrent
 * fields whose values are immutable snapshots, so a router sees each binding either fully present
 * or absent.
 */
public abstract class Exchange implements Destination {

    private final String name;
    private final ExchangeType type;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    /**
     * Bindings by destination (by identity, as {@link Binding#equals} compares them), so that deleting a
     * queue touches only its own bindings. Guarded by this.
     */
    private final Map<Destination, Set<Binding>> bindings = new IdentityHashMap<>();
    private volatile int bindingCount; // written under this

    protected Exchange(String name, ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                       Map<String, Object> arguments) {
        this.name = name;
        this.type = type;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = arguments == null || arguments.isEmpty()
            ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A new exchange of the given type. */
    public static Exchange create(ExchangeType type, String name, boolean durable, boolean autoDelete,
                                  boolean internal, Map<String, Object> arguments) {
        return switch (type) {
            case DIRECT -> new DirectExchange(name, durable, autoDelete, internal, arguments);
            case FANOUT -> new FanoutExchange(name, durable, autoDelete, internal, arguments);
            case TOPIC -> new TopicExchange(name, durable, autoDelete, internal, arguments);
            case HEADERS -> new HeadersExchange(name, durable, autoDelete, internal, arguments);
        };
    }

    @Override
    public final String name() {
        return name;
    }

    public final ExchangeType type() {
        return type;
    }

    public final boolean durable() {
        return durable;
    }

    public final boolean autoDelete() {
        return autoDelete;
    }

    public final boolean internal() {
        return internal;
    }

    /** Declaration arguments, unmodifiable. */
    public final Map<String, Object> arguments() {
        return arguments;
    }

    /**
     * Checks binding arguments before {@link #bind}; the default accepts everything.
     *
     * @throws ProtocolException 406 when the arguments make no sense for this type
     */
    public void validateBinding(String routingKey, Map<String, Object> args) throws ProtocolException {
    }

    /** Adds a binding; false if the same binding already exists. Its source must be this exchange. */
    public final boolean bind(Binding binding) {
        if (!binding.source().equals(name)) {
            throw new IllegalArgumentException("binding of another exchange: " + binding);
        }
        synchronized (this) {
            if (!bindings.computeIfAbsent(binding.destination(), d -> new LinkedHashSet<>()).add(binding)) {
                return false;
            }
            addRoute(binding);
            bindingCount++;
            return true;
        }
    }

    /** Removes a binding; false if there was no such binding. */
    public final boolean unbind(Binding binding) {
        synchronized (this) {
            Set<Binding> toDestination = bindings.get(binding.destination());
            if (toDestination == null || !toDestination.remove(binding)) {
                return false;
            }
            if (toDestination.isEmpty()) {
                bindings.remove(binding.destination());
            }
            removeRoute(binding);
            bindingCount--;
            return true;
        }
    }

    /**
     * Removes every binding to {@code destination} and returns them. Costs what those bindings cost,
     * whatever the number of other bindings.
     */
    public final List<Binding> unbindAll(Destination destination) {
        synchronized (this) {
            Set<Binding> removed = bindings.remove(destination);
            if (removed == null) {
                return List.of();
            }
            for (Binding b : removed) {
                removeRoute(b);
            }
            bindingCount -= removed.size();
            return List.copyOf(removed);
        }
    }

    /** A snapshot of this exchange's bindings (as source), grouped by destination in no particular order. */
    public final synchronized List<Binding> bindings() {
        List<Binding> all = new ArrayList<>(bindingCount);
        for (Set<Binding> toDestination : bindings.values()) {
            all.addAll(toDestination);
        }
        return Collections.unmodifiableList(all);
    }

    /** True when the exchange is the source of at least one binding. */
    public final boolean hasBindings() {
        return bindingCount > 0;
    }

    /**
     * Adds to {@code out} the destinations this exchange's own bindings select for {@code message}
     * (one hop: exchanges among them are not followed). Lock-free.
     */
    public abstract void route(Message message, Set<Destination> out);

    /**
     * Routes through this exchange and every exchange reached by exchange-to-exchange bindings, and
     * returns the final (non-exchange) destinations, each once. Each exchange is visited at most once
     * per message, so binding cycles terminate.
     */
    public final Set<Destination> routeTransitively(Message message) {
        Set<Destination> result = new LinkedHashSet<>();
        route(message, result);
        if (!containsExchange(result)) {
            return result;
        }
        Set<Destination> step = result;
        result = new LinkedHashSet<>();
        Set<Exchange> visited = new HashSet<>();
        visited.add(this);
        ArrayDeque<Exchange> pending = new ArrayDeque<>();
        while (true) {
            for (Destination d : step) {
                if (d instanceof Exchange e) {
                    if (visited.add(e)) {
                        pending.add(e);
                    }
                } else {
                    result.add(d);
                }
            }
            Exchange next = pending.poll();
            if (next == null) {
                return result;
            }
            step = new LinkedHashSet<>();
            next.route(message, step);
        }
    }

    private static boolean containsExchange(Set<Destination> destinations) {
        for (Destination d : destinations) {
            if (d instanceof Exchange) {
                return true;
            }
        }
        return false;
    }

    /** Adds a binding to the routing structure; called under the exchange's monitor. */
    protected abstract void addRoute(Binding binding);

    /** Removes a binding from the routing structure; called under the exchange's monitor. */
    protected abstract void removeRoute(Binding binding);

    @Override
    public String toString() {
        return type.wireName() + " exchange '" + name + "'";
    }
}
