package org.fieldpost.broker.connection;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of a broker, so that shutdown can close them all.
 *
 * <p>Concurrency: thread-safe.
 */
public final class ConnectionRegistry {
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();

    void add(ServerConnection connection) {
        open.add(connection);
    }

    void remove(ServerConnection connection) {
        open.remove(connection);
    }

    /** A snapshot of the open connections. */
    public List<ServerConnection> snapshot() {
        return List.copyOf(open);
    }

    public int size() {
        return open.size();
    }
}
