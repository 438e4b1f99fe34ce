package org.fieldpost.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Fieldpost broker running inside this JVM, for tests and applications.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).build().start()) {
 *     int port = broker.port();
 * }
 * }</pre>
 *
 * <p>Concurrency: {@link #start()} and {@link #close()} may be called from any thread; {@code close}
 * is idempotent.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final Builder config;
    private volatile int boundPort = -1;

    private EmbeddedBroker(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the listener and starts serving; returns once connections are accepted. */
    public EmbeddedBroker start() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The TCP port the broker listens on (the chosen one when built with port 0). */
    public int port() {
        return boundPort;
    }

    /** The address the broker listens on. */
    public String host() {
        return config.host;
    }

    /** Stops accepting, closes every connection with 320 CONNECTION_FORCED, and releases all resources. */
    @Override
    public void close() {
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

        private Builder() {
        }

        /** Port to listen on; 0 picks a free one. Default 5672. */
        public Builder port(int port) {
            this.port = port;
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

        public EmbeddedBroker build() {
            return new EmbeddedBroker(this);
        }
    }
}
