package org.fieldpost.broker;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fieldpost.protocol.EmbeddedBrokerLauncher;

/**
 * The brokers started in this JVM for {@code vm://NAME} URLs, found by the JMS provider through
 * {@link java.util.ServiceLoader}. Each name is one broker listening on a free loopback port,
 * counted by its users and stopped when the last one releases it.
 *
 * <p>Options: {@code data=DIR} (default {@code ./data/vm-NAME}).
 *
 * <p>Concurrency: thread-safe; all state is guarded by the class monitor.
 */
public final class InVmBrokers implements EmbeddedBrokerLauncher {
    // guarded by InVmBrokers.class
    private static final Map<String, Running> RUNNING = new HashMap<>();

    @Override
    public InetSocketAddress acquire(String name, Map<String, String> options) {
        synchronized (InVmBrokers.class) {
            Running running = RUNNING.get(name);
            if (running == null) {
                Path data = Path.of(options.getOrDefault("data", Path.of("data", "vm-" + name).toString()));
                EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDirectory(data).build().start();
                running = new Running(broker);
                RUNNING.put(name, running);
            }
            running.users++;
            return new InetSocketAddress(running.broker.host(), running.broker.port());
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
