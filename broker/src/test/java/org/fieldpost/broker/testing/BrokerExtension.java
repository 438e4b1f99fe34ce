package org.fieldpost.broker.testing;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fieldpost.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an {@link EmbeddedBroker} on an ephemeral port in a fresh data directory and closes it afterwards.
 *
 * <p>Registered on a {@code static} field the broker lives for the whole test class; on an instance field
 * it lives for one test method:
 *
 * <pre>{@code
 * @RegisterExtension
 * static BrokerExtension broker = new BrokerExtension();
 *
 * @RegisterExtension
 * BrokerExtension tinyFrames = new BrokerExtension(b -> b.frameMax(4096));
 * }</pre>
 *
 * <p>Connections opened with {@link #openConnection()} are closed after every test method, so a test
 * never leaks sockets into the next one even when it fails half-way.
 *
 * <p>Concurrency: the extension itself is driven by the JUnit thread; {@link #connectionFactory()},
 * {@link #port()} and {@link #openConnection()} may be called from any thread while the broker runs.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final AtomicLong NAMES = new AtomicLong();

    private final Consumer<EmbeddedBroker.Builder> customizer;
    private final List<Connection> openedConnections = new ArrayList<>(); // guarded by itself
    private EmbeddedBroker broker;
    private Path dataDirectory;
    private boolean perMethod;

    /** A broker with the default configuration (user guest/guest). */
    public BrokerExtension() {
        this(builder -> { });
    }

    /**
     * A broker whose builder is adjusted by {@code customizer} after the extension has set port 0 and a
     * fresh data directory (the customizer may override either).
     */
    public BrokerExtension(Consumer<EmbeddedBroker.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (broker == null) {
            perMethod = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOpenedConnections();
        if (perMethod) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOpenedConnections();
        stop();
    }

    /** The port the running broker listens on. */
    public int port() {
        return running().port();
    }

    /** The port of the running broker's TLS listener, or -1 when it has none. */
    public int tlsPort() {
        return running().tlsPort();
    }

    /** The number of client connections the running broker has open (logged in). */
    public int connectionCount() {
        return running().connectionCount();
    }

    /** See {@link EmbeddedBroker#storeStatistics()}. */
    public String storeStatistics() {
        return running().storeStatistics();
    }

    /** The address the running broker listens on. */
    public String host() {
        return running().host();
    }

    /** The data directory of the running broker (deleted when the broker stops). */
    public Path dataDirectory() {
        running();
        return dataDirectory;
    }

    /**
     * A RabbitMQ client factory for this broker: guest/guest, vhost "/", automatic recovery and
     * topology recovery off, so a broken connection stays broken and tests see it.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host());
        factory.setPort(port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        factory.setHandshakeTimeout(10_000);
        factory.setShutdownTimeout(5_000);
        return factory;
    }

    /** Opens a connection with {@link #connectionFactory()}; it is closed after the current test. */
    public Connection openConnection() throws IOException, TimeoutException {
        return track(connectionFactory().newConnection());
    }

    /** Closes {@code connection} after the current test (no-op if it is already closed by then). */
    public Connection track(Connection connection) {
        synchronized (openedConnections) {
            openedConnections.add(connection);
        }
        return connection;
    }

    /**
     * Stops the broker and starts a new one on the same data directory (its port may change), to test
     * what survives a restart. Connections opened through the extension are closed first.
     */
    public void restart() {
        running();
        closeOpenedConnections();
        broker.close();
        broker = null;
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().port(0).dataDirectory(dataDirectory);
        customizer.accept(builder);
        broker = builder.build().start();
    }

    /** A name no other test in this JVM uses, e.g. {@code unique("orders")} gives {@code orders-17}. */
    public static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private EmbeddedBroker running() {
        if (broker == null) {
            throw new IllegalStateException("the broker is not running (is the extension registered?)");
        }
        return broker;
    }

    private void start() throws IOException {
        dataDirectory = Files.createTempDirectory("fieldpost-broker-test-");
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().port(0).dataDirectory(dataDirectory);
        customizer.accept(builder);
        try {
            broker = builder.build().start();
        } catch (RuntimeException | Error e) {
            deleteRecursively(dataDirectory);
            dataDirectory = null;
            throw e;
        }
    }

    private void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            broker = null;
            deleteRecursively(dataDirectory);
            dataDirectory = null;
        }
    }

    private void closeOpenedConnections() {
        List<Connection> toClose;
        synchronized (openedConnections) {
            toClose = new ArrayList<>(openedConnections);
            openedConnections.clear();
        }
        for (Connection connection : toClose) {
            if (connection.isOpen()) {
                connection.abort(5_000);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
