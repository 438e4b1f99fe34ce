package org.fieldpost.broker.vhost;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * The exchanges of one virtual host: the predeclared ones, {@code exchange.declare} and
 * {@code exchange.delete} with their store write-through, and the owning connections of exclusive
 * exchanges ({@code x-exclusive}, docs/protocol.md). Owns the host's {@link Bindings}, since
 * bindings live in their source exchange.
 *
 * <p>Concurrency: {@link #get}, {@link #existing} and {@link #snapshot} read a concurrent map and
 * may run on any thread without a lock (publishing); every other method runs under the virtual
 * host's topology lock.
 */
final class Exchanges {

    private final String vhost;
    private final MessageStore store;
    private final ConcurrentHashMap<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, Object> owners = new HashMap<>(); // guarded by the topology lock
    private final Bindings bindings;

    /** The exchanges of {@code vhost}: the default exchange and the predeclared {@code amq.} ones. */
    Exchanges(String vhost, MessageStore store, Exchange defaultExchange) {
        this.vhost = vhost;
        this.store = store;
        this.bindings = new Bindings(this, store);
        exchanges.put("", defaultExchange);
        predeclare("amq.direct", ExchangeType.DIRECT);
        predeclare("amq.fanout", ExchangeType.FANOUT);
        predeclare("amq.topic", ExchangeType.TOPIC);
        predeclare("amq.headers", ExchangeType.HEADERS);
        predeclare("amq.match", ExchangeType.HEADERS);
    }

    private void predeclare(String name, ExchangeType type) {
        exchanges.put(name, Exchange.create(type, name, true, false, false, Map.of()));
    }

    Bindings bindings() {
        return bindings;
    }

    /** An exchange by name ("" is the default exchange), or null. Lock-free. */
    Exchange get(String name) {
        return name == null ? null : exchanges.get(name);
    }

    /**
     * An exchange by name. Lock-free.
     *
     * @throws ProtocolException 404 when missing
     */
    Exchange existing(String name) throws ProtocolException {
        Exchange x = exchanges.get(name);
        if (x == null) {
            throw Errors.noExchange(name, vhost);
        }
        return x;
    }

    /** A snapshot of the exchanges, the default one included. Lock-free. */
    Collection<Exchange> snapshot() {
        return List.copyOf(exchanges.values());
    }

    /** See {@link VirtualHost#declareExchange(String, String, boolean, boolean, boolean, boolean, Map, Object)}. */
    Exchange declare(String name, String type, boolean passive, boolean durable, boolean autoDelete,
                     boolean internal, Map<String, Object> args, Object owner) throws ProtocolException {
        checkOwner(name, owner);
        Exchange existing = exchanges.get(name);
        if (passive) {
            if (existing == null) {
                throw Errors.noExchange(name, vhost);
            }
            return existing;
        }
        if (name.isEmpty()) {
            throw Errors.defaultExchange();
        }
        if (name.startsWith("amq.")) {
            throw Errors.reservedName("exchange", name);
        }
        ExchangeType exchangeType = ExchangeType.fromWireName(type);
        if (exchangeType == null) {
            throw Errors.unknownExchangeType(type);
        }
        if (existing != null) {
            Equivalence.check(existing, exchangeType, durable, autoDelete, internal, args, vhost);
            return existing;
        }
        Exchange created = Exchange.create(exchangeType, name, durable, autoDelete, internal, args);
        boolean exclusive = args != null && Boolean.TRUE.equals(args.get(JmsHeaders.X_EXCLUSIVE));
        if (exclusive && owner != null) {
            owners.put(name, owner);
        } else if (durable) {
            store.createExchange(new ExchangeRecord(name, type, autoDelete, internal, created.arguments()));
        }
        exchanges.put(name, created);
        return created;
    }

    /** See {@link VirtualHost#deleteExchange}. */
    void delete(String name, boolean ifUnused, Object owner) throws ProtocolException {
        if (name.isEmpty()) {
            throw Errors.defaultExchange();
        }
        if (name.startsWith("amq.")) {
            throw Errors.reservedName("exchange", name);
        }
        Exchange x = exchanges.get(name);
        if (x == null) {
            return;
        }
        checkOwner(name, owner);
        if (ifUnused && x.hasBindings()) {
            throw Errors.exchangeInUse(name, vhost);
        }
        remove(x);
    }

    /**
     * Checks that {@code owner} may use the exchange {@code name} for anything but publishing.
     *
     * @throws ProtocolException 405 when it is an exclusive exchange of another connection
     */
    void checkOwner(String name, Object owner) throws ProtocolException {
        Object exclusiveOwner = owners.get(name);
        if (exclusiveOwner != null && exclusiveOwner != owner) {
            throw new ProtocolException(ReplyCode.RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive "
                + "access to exchange '" + name + "' in vhost '" + vhost + "'");
        }
    }

    /** Removes an exchange (unless it was replaced meanwhile), its stored record and the bindings to it. */
    void remove(Exchange x) {
        if (!exchanges.remove(x.name(), x)) {
            return;
        }
        owners.remove(x.name());
        if (x.durable()) {
            store.deleteExchange(x.name());
        }
        bindings.removeDestination(x);
    }

    /** The connection closed: removes its exclusive exchanges. */
    void removeOwnedBy(Object owner) {
        for (Map.Entry<String, Object> e : List.copyOf(owners.entrySet())) {
            Exchange x = exchanges.get(e.getKey());
            if (e.getValue() == owner && x != null) {
                remove(x);
            }
        }
    }

    /** An exchange read back from the store at start-up; a predeclared one of the same name wins. */
    void recovered(Exchange x) {
        exchanges.putIfAbsent(x.name(), x);
    }
}
