package org.fieldpost.broker;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldpost.protocol.EmbeddedBrokerLauncher;

/**
 * The brokers of this JVM that {@code vm://NAME} URLs reach, found by the JMS provider through
 * {@link java.util.ServiceLoader}. {@code NAME} is a broker's in-VM name: clients reach it through
 * Netty's local transport, with no socket, on the I/O threads they share with it. An application's
 * own {@link EmbeddedBroker} built with {@link EmbeddedBroker.Builder#inVm inVm(NAME)} is joined as it
 * is (and left running on release); for any other name a broker is started listening only in-VM,
 * counted by its users and stopped when the last one releases it.
 *
 * <p>Options: {@code data=DIR} (default {@code ./data/vm-NAME}).
 *
 * <p>Concurrency: thread-safe. The brokers started here are guarded by the class monitor; the map of
 * in-VM listeners is concurrent, as brokers bind and unbind under their own lifecycle locks.
 */
public final class InVmBrokers implements EmbeddedBrokerLauncher {
    /** Every in-VM listener of this JVM by name, whoever started its broker. */
    private static final Map<String, SocketAddress> BOUND = new ConcurrentHashMap<>();
    // guarded by InVmBrokers.class
    private static final Map<String, Running> RUNNING = new HashMap<>();

    /** A broker started listening in-VM under {@code name}. */
    static void bound(String name, SocketAddress address) {
        BOUND.put(name, address);
    }

    /** The broker listening in-VM under {@code name} stopped. */
    static void unbound(String name) {
        BOUND.remove(name);
    }

    @Override
    public SocketAddress acquire(String name, Map<String, String> options) {
        synchronized (InVmBrokers.class) {
            Running running = RUNNING.get(name);
            if (running == null) {
                SocketAddress applications = BOUND.get(name);
                if (applications != null) {
                    return applications;
                }
                Path data = Path.of(options.getOrDefault("data", Path.of("data", "vm-" + name).toString()));
                EmbeddedBroker broker = EmbeddedBroker.builder().port(-1).inVm(name).dataDirectory(data)
                    .build().start();
                running = new Running(broker);
                RUNNING.put(name, running);
            }
            running.users++;
            return running.broker.inVmAddress();
        }
    }

    @Override
    public void release(String name) {
        // Closing under the lock makes a concurrent acquire of the same name wait for the old
        // broker to let go of its data directory.
        synchronized (InVmBrokers.class) {
            Running running = RUNNING.get(name);
            if (running != null && --running.users <= 0) {
                RUNNING.remove(name);
                running.broker.close();
            }
        }
    }

    private static final class Running {
        private final EmbeddedBroker broker;
        private int users;

        Running(EmbeddedBroker broker) {
            this.broker = broker;
        }
    }
}
