package org.fieldpost.protocol;

import java.net.SocketAddress;
import java.util.Map;

/**
 * The service a JMS client uses to start or join a broker inside its own JVM for
 * {@code vm://NAME} URLs. The broker module provides it (registered for
 * {@link java.util.ServiceLoader}); the client finds it at run time, so a remote-only application
 * never loads broker classes.
 *
 * <p>Concurrency: implementations are thread-safe.
 */
public interface EmbeddedBrokerLauncher {

    /**
     * Starts the in-VM broker {@code name}, or joins it when this JVM already runs it, and counts
     * one more user of it. Blocks until the broker accepts connections.
     *
     * @param options the URL's query options (for example {@code data=DIR})
     * @return where to connect: the broker's in-VM address, a Netty {@code LocalAddress} (no socket,
     *     no system call: frames pass between the two event loops as buffers)
     * @throws IllegalStateException if the broker cannot start (its message says why)
     */
    SocketAddress acquire(String name, Map<String, String> options);

    /** Counts one user less of broker {@code name}; the last release stops it. Never blocks long. */
    void release(String name);
}
