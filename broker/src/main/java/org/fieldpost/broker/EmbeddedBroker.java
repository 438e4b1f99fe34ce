package org.fieldpost.broker;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.fieldpost.broker.connection.BrokerSettings;
import org.fieldpost.broker.connection.ConnectionRegistry;
import org.fieldpost.broker.connection.ConnectionServices;
import org.fieldpost.broker.connection.ServerConnection;
import org.fieldpost.broker.queue.QueueMemory;
import org.fieldpost.broker.security.PasswordHash;
import org.fieldpost.broker.security.PasswordVerifier;
import org.fieldpost.broker.security.UserRegistry;
import org.fieldpost.broker.store.DataDirectoryLock;
import org.fieldpost.broker.store.InMemoryMessageStore;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.jdbc.DerbySupport;
import org.fieldpost.broker.store.jdbc.JdbcStoreEngine;
import org.fieldpost.broker.transport.AmqpServer;
import org.fieldpost.broker.transport.FrameHandlerFactory;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.broker.vhost.VirtualHostConfig;
import org.fieldpost.protocol.transport.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Fieldpost broker running inside this JVM, for tests and applications.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).build().start()) {
 *     int port = broker.port();
 * }
 * }</pre>
 *
 * <p>With {@link Builder#tls(TlsConfig)} the broker also listens for AMQP over TLS ({@link #tlsPort()});
 * {@code port(-1)} leaves out the plain listener.
 *
 * <p>Concurrency: {@link #start()} and {@link #close()} may be called from any thread; {@code close}
 * is idempotent.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long SHUTDOWN_GRACE_MILLIS = 2_000;
    /** How many password verifications (PBKDF2) run at once; more would only take CPU from the event loops. */
    private static final int LOGIN_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private final Builder config;
    private final Object lifecycle = new Object();
    private volatile int boundPort = -1;
    private volatile int boundTlsPort = -1;
    private volatile SocketAddress inVmAddress;
    private volatile int boundIoThreads;
    // guarded by lifecycle
    private AmqpServer server;
    // guarded by lifecycle
    private ScheduledExecutorService timer;
    // guarded by lifecycle
    private ExecutorService logins;
    // guarded by lifecycle
    private final Map<String, VirtualHost> virtualHosts = new ConcurrentHashMap<>();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    // guarded by lifecycle
    private final List<MessageStore> stores = new ArrayList<>();
    // guarded by lifecycle
    private DataDirectoryLock dataLock;
    // guarded by lifecycle
    private JdbcStoreEngine storeEngine;
    // guarded by lifecycle
    private QueueMemory memory;

    /** Completes when the broker stopped itself because its durable store failed. */
    private final CompletableFuture<Void> storeFailure = new CompletableFuture<>();

    private EmbeddedBroker(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the TLS key and trust stores, opens the store, recovers every virtual host, binds the
     * listeners and starts serving; returns once connections are accepted.
     *
     * @throws TlsConfigException when a TLS key or trust store cannot be used (checked first, before the
     *     data directory is touched)
     * @throws org.fieldpost.broker.store.StoreException when the data directory is used by another
     *     broker or the store cannot be opened (an unknown schema version, say)
     * @throws java.io.UncheckedIOException when a port cannot be bound
     * @throws IllegalStateException when already started, or with neither a plain nor a TLS listener
     */
    public EmbeddedBroker start() {
        synchronized (lifecycle) {
            if (server != null) {
                throw new IllegalStateException("already started");
            }
            if (config.port < 0 && config.tls == null && config.inVmName == null) {
                throw new IllegalStateException(
                    "no listener: the plain port is disabled and neither TLS nor an in-VM name is configured");
            }
            ServerTls tls = config.tls != null ? ServerTls.create(config.tls) : null;
            try {
                timer = Executors.newScheduledThreadPool(1, daemonThreads("fieldpost-timer"));
                logins = Executors.newFixedThreadPool(LOGIN_THREADS, new DefaultThreadFactory("fieldpost-auth", true));
                openStores();
                BrokerSettings settings = new BrokerSettings(config.channelMax, config.frameMax,
                    config.heartbeatSeconds, config.maxBodySize, version());
                ConnectionServices services = new ConnectionServices(settings,
                    UserRegistry.of(config.users, config.passwordVerifier), virtualHosts::get, connections, timer,
                    logins);
                FrameHandlerFactory connectionFactory = (writer, remote) -> new ServerConnection(writer, remote,
                    services);
                server = new AmqpServer(config.ioThreads);
                boundIoThreads = server.ioThreads();
                if (config.port >= 0) {
                    boundPort = server.bind(config.host, config.port, config.frameMax, connectionFactory).getPort();
                }
                if (config.inVmName != null) {
                    inVmAddress = server.bindInVm(config.inVmName, config.frameMax, connectionFactory);
                    InVmBrokers.bound(config.inVmName, inVmAddress);
                }
                if (tls != null) {
                    boundTlsPort = server.bindTls(config.host, config.tls.port(), config.frameMax, connectionFactory,
                        tls.context()).getPort();
                }
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            logListening(tls);
            return this;
        }
    }

    private void logListening(ServerTls tls) {
        if (boundPort >= 0) {
            LOG.info("FP-B001 Fieldpost {} listening on {}:{} ({}, {} I/O threads{})", version(), config.host,
                boundPort, NettyTransport.name(), boundIoThreads,
                server.sharesIoThreads() ? " shared with this JVM's clients" : "");
        }
        if (inVmAddress != null) {
            LOG.info("FP-B001 Fieldpost {} listening in-VM as {} ({} I/O threads{})", version(), config.inVmName,
                boundIoThreads, server.sharesIoThreads() ? " shared with this JVM's clients" : "");
        }
        if (tls != null) {
            LOG.info("FP-B001 Fieldpost {} listening on {}:{} (amqps, {}, client certificates: {}; certificate {})",
                version(), config.host, boundTlsPort, String.join(", ", config.tls.protocols()),
                config.tls.clientAuth().name().toLowerCase(Locale.ROOT), tls.describe());
            if (!tls.isValidNow()) {
                LOG.warn("FP-B004 the TLS certificate {} is not valid now: clients will refuse it", tls.describe());
            }
        }
    }

    // guarded by lifecycle
    private void openStores() {
        memory = new QueueMemory(config.memoryLimit > 0 ? config.memoryLimit : QueueMemory.defaultLimit());
        if (config.store == StoreType.DERBY) {
            dataLock = DataDirectoryLock.acquire(config.dataDirectory);
            String url = config.jdbcUrl != null ? config.jdbcUrl : DerbySupport.embeddedUrl(config.dataDirectory);
            storeEngine = JdbcStoreEngine.open(url, config.dataDirectory);
            LOG.info("FP-B003 durable store: {}", storeEngine.description());
            storeEngine.onWriterFailure(this::storeFailed);
        }
        for (String name : config.virtualHosts) {
            MessageStore store = storeEngine != null ? storeEngine.store(name) : new InMemoryMessageStore();
            store.open();
            stores.add(store);
            VirtualHostConfig vhostConfig = VirtualHostConfig.defaults().withDefaultMaxPriority(config.maxPriority)
                .withMemory(memory);
            virtualHosts.put(name, new VirtualHost(name, store, timer, vhostConfig).start());
        }
    }

    /**
     * The store's writer failed for good: every later store operation fails, so confirms would be
     * nacks and acknowledgements would not be recorded. Stop the broker (connections closed, clients
     * see the loss) rather than run on; a restart recovers from what the store holds.
     */
    private void storeFailed() {
        LOG.error("FP-B005 the durable store failed: the broker stops so that nothing more is confirmed or"
            + " acknowledged without being stored; restart it to recover from the store");
        Thread stopper = new Thread(() -> {
            close();
            storeFailure.complete(null);
        }, "fieldpost-store-failure");
        stopper.start();
    }

    /** Completes once the broker has stopped itself because its durable store failed (see FP-B005). */
    public CompletableFuture<Void> whenStoreFailed() {
        return storeFailure;
    }

    /** The virtual host of that name, or null. */
    public VirtualHost virtualHost(String name) {
        return virtualHosts.get(name);
    }

    /** The number of client connections currently open. */
    public int connectionCount() {
        return connections.size();
    }

    /** The durable store's statistics ({@code FP-S004}'s text), or "" when there is no Derby store. */
    public String storeStatistics() {
        JdbcStoreEngine engine = storeEngine;
        return engine == null ? "" : engine.statistics();
    }

    /** The Fieldpost version, from the jar manifest when packaged. */
    public static String version() {
        String version = EmbeddedBroker.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The TCP port of the plain AMQP listener (the chosen one when built with port 0), or -1 when the
     * broker is not running or has no plain listener.
     */
    public int port() {
        return boundPort;
    }

    /** The number of I/O threads serving the connections (see {@link Builder#ioThreads}), or 0 before start. */
    public int ioThreads() {
        return boundIoThreads;
    }

    /** The TCP port of the AMQPS listener, or -1 when the broker is not running or has no TLS listener. */
    public int tlsPort() {
        return boundTlsPort;
    }

    /**
     * The in-VM address clients of this JVM connect to (see {@link Builder#inVm}), or null when the
     * broker is not running or has no in-VM listener.
     */
    public SocketAddress inVmAddress() {
        return inVmAddress;
    }

    /** The address the broker listens on. */
    public String host() {
        return config.host;
    }

    /**
     * Stops accepting, closes every connection with 320 CONNECTION_FORCED (their unacknowledged
     * deliveries are requeued, counted, in the store), finishes the store's work, closes it and
     * releases the data directory.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (server == null && timer == null && storeEngine == null && dataLock == null) {
                return;
            }
            if (inVmAddress != null) {
                InVmBrokers.unbound(config.inVmName); // vm:// URLs no longer find it
            }
            if (logins != null) {
                // Logins not verified yet are dropped: their sockets close with the server below.
                logins.shutdownNow();
                logins = null;
            }
            for (ServerConnection connection : connections.snapshot()) {
                connection.forceClose("broker shutdown");
            }
            awaitConnectionsClosed();
            if (server != null) {
                server.close();
                server = null;
            }
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
            virtualHosts.values().forEach(VirtualHost::close);
            virtualHosts.clear();
            stores.forEach(MessageStore::close);
            stores.clear();
            if (storeEngine != null) {
                storeEngine.close();
                storeEngine = null;
            }
            if (memory != null) {
                memory.close();
                memory = null;
            }
            if (dataLock != null) {
                dataLock.close();
                dataLock = null;
            }
            boundPort = -1;
            boundTlsPort = -1;
            inVmAddress = null;
            boundIoThreads = 0;
            LOG.info("FP-B002 Fieldpost stopped");
        }
    }

    private void awaitConnectionsClosed() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_GRACE_MILLIS);
        while (connections.size() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Configuration of an {@link EmbeddedBroker}; every setter returns the builder. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5672;
        private Path dataDirectory = Path.of("data");
        private final Map<String, String> users = new LinkedHashMap<>();
        private int heartbeatSeconds = 60;
        private int frameMax = 131072;
        private int channelMax = 2047;
        private long maxBodySize = 128L * 1024 * 1024;
        private int ioThreads;
        private int maxPriority = 9;
        private final List<String> virtualHosts = new ArrayList<>(List.of("/"));
        private StoreType store = StoreType.DERBY;
        private String jdbcUrl;
        private long memoryLimit;
        private TlsConfig tls;
        private String inVmName;
        private PasswordVerifier passwordVerifier = PasswordHash::verify;

        private Builder() {
        }

        /**
         * Port of the plain AMQP listener; 0 picks a free one, -1 means no plain listener (then TLS or an
         * in-VM name must be configured). Default 5672.
         */
        public Builder port(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not a port number (-1: no plain listener)");
            }
            this.port = port;
            return this;
        }

        /**
         * Also listens in-VM under {@code name}: clients in this JVM connect without a socket, the JMS
         * provider's with the URL {@code vm://NAME}. Names are unique in a JVM. Default: none.
         */
        public Builder inVm(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("an in-VM name must not be blank");
            }
            this.inVmName = name;
            return this;
        }

        /**
         * Adds an AMQPS listener with this configuration (on the same address as the plain one); its key
         * and trust stores are read by {@link EmbeddedBroker#start()}. Default: none; {@code null} removes it.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Directory for durable state; default {@code ./data}. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Adds a user; when none is added the default {@code guest/guest} (loopback only) is used. */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** Heartbeat interval the server proposes in {@code connection.tune}; 0 disables. Default 60. */
        public Builder heartbeatSeconds(int seconds) {
            this.heartbeatSeconds = seconds;
            return this;
        }

        /** Largest frame the server accepts, proposed in {@code connection.tune}. Default 131072. */
        public Builder frameMax(int frameMax) {
            this.frameMax = frameMax;
            return this;
        }

        /** Highest channel number the server accepts. Default 2047. */
        public Builder channelMax(int channelMax) {
            this.channelMax = channelMax;
            return this;
        }

        /** Largest message body accepted, in bytes. Default 128 MiB. */
        public Builder maxBodySize(long bytes) {
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * The highest priority queues order by when declared without {@code x-max-priority}.
         * Default 9 (JMS priorities 0-9); 0 makes such queues plain FIFO, as in RabbitMQ.
         */
        public Builder defaultMaxPriority(int value) {
            this.maxPriority = value;
            return this;
        }

        /** Number of I/O threads; 0 (the default) is the shared ones: one for every two cores, at least one. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Where durable state lives; default {@link StoreType#DERBY} in the data directory. */
        public Builder store(StoreType store) {
            this.store = store;
            return this;
        }

        /**
         * The JDBC URL of the Derby store instead of the embedded database in the data directory
         * (e.g. {@code jdbc:derby://host:1527/fieldpost} once a network client driver is on the class
         * path). The data directory is still locked and holds {@code derby.log}. Default: none.
         */
        public Builder jdbcUrl(String url) {
            this.jdbcUrl = url;
            return this;
        }

        /**
         * Memory for messages held by queues, in bytes; past it stored queues keep persistent messages
         * in the store only and publishers of other messages are blocked ({@code connection.blocked})
         * until use falls under 80% of it. Default (0): 40% of the maximum heap.
         */
        public Builder memoryLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory limit " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /** For tests: checks passwords with {@code verifier} instead of PBKDF2 ({@link PasswordHash#verify}). */
        Builder passwordVerifier(PasswordVerifier verifier) {
            this.passwordVerifier = verifier;
            return this;
        }

        /** Adds a virtual host besides the default {@code /}. */
        public Builder virtualHost(String name) {
            if (!virtualHosts.contains(name)) {
                virtualHosts.add(name);
            }
            return this;
        }

        public EmbeddedBroker build() {
            return new EmbeddedBroker(this);
        }
    }
}
