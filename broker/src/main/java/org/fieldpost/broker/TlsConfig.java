package org.fieldpost.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The broker's AMQPS listener: its port, the key store holding the broker's certificate and private
 * key, optionally a trust store for client certificates, whether clients must present one, and the
 * TLS versions offered (TLSv1.3 and TLSv1.2; nothing older).
 *
 * <pre>{@code
 * EmbeddedBroker.builder()
 *     .tls(TlsConfig.builder().port(5671).keyStore(Path.of("broker.p12")).keyStorePassword(secret).build())
 *     .build().start();
 * }</pre>
 *
 * <p>Key and trust stores are read by {@link EmbeddedBroker#start()}; the key store's password also
 * unlocks its private key. Immutable, so thread-safe; {@link #toString()} never shows a password.
 */
public final class TlsConfig {
    /** The IANA port of AMQP over TLS. */
    public static final int DEFAULT_PORT = 5671;
    /** The TLS versions a broker may offer, newest first. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Whether the broker asks clients for a certificate. */
    public enum ClientAuth {
        /** No client certificate is requested. */
        NONE,
        /** A certificate is requested; a client without one is accepted, one with an untrusted one refused. */
        WANT,
        /** A certificate trusted by the trust store is required. */
        NEED;

        /** Parses {@code none}, {@code want} or {@code need} (any case). */
        public static ClientAuth parse(String value) {
            for (ClientAuth mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown TLS client authentication '" + value
                + "' (none, want or need)");
        }
    }

    private final int port;
    private final Path keyStore;
    private final String keyStorePassword;
    private final String keyStoreType;
    private final Path trustStore;
    private final String trustStorePassword;
    private final String trustStoreType;
    private final ClientAuth clientAuth;
    private final List<String> protocols;

    private TlsConfig(Builder b) {
        this.port = b.port;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword;
        this.keyStoreType = b.keyStoreType;
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
        this.trustStoreType = b.trustStoreType;
        this.clientAuth = b.clientAuth;
        this.protocols = b.protocols;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port of the AMQPS listener; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The key store with the broker's private key and certificate chain. */
    public Path keyStore() {
        return keyStore;
    }

    /** The key store's password (also the private key's), or {@code null}. */
    public String keyStorePassword() {
        return keyStorePassword;
    }

    /** The key store's type ({@code PKCS12}, {@code JKS}), or {@code null} for the JDK's default. */
    public String keyStoreType() {
        return keyStoreType;
    }

    /** The trust store for client certificates, or {@code null} for the JDK's default trust. */
    public Path trustStore() {
        return trustStore;
    }

    /** The trust store's password, or {@code null}. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** The trust store's type, or {@code null} for the JDK's default. */
    public String trustStoreType() {
        return trustStoreType;
    }

    /** Whether clients are asked for a certificate. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The TLS versions offered, a non-empty subset of {@link #SUPPORTED_PROTOCOLS}. */
    public List<String> protocols() {
        return protocols;
    }

    @Override
    public String toString() {
        return "TlsConfig[port=" + port + ", keyStore=" + keyStore + ", trustStore=" + trustStore + ", clientAuth="
            + clientAuth + ", protocols=" + protocols + "]";
    }

    /** Builds a {@link TlsConfig}; every setter returns the builder. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path keyStore;
        private String keyStorePassword;
        private String keyStoreType;
        private Path trustStore;
        private String trustStorePassword;
        private String trustStoreType;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<String> protocols = SUPPORTED_PROTOCOLS;
        private boolean listenerSettings;

        private Builder() {
        }

        /** The port; default 5671, 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("TLS port " + port + " is not a port number");
            }
            this.port = port;
            listenerSettings = true;
            return this;
        }

        /** The key store file (required). */
        public Builder keyStore(Path file) {
            this.keyStore = file;
            return this;
        }

        /** The key store's password, which also unlocks the private key. */
        public Builder keyStorePassword(String password) {
            this.keyStorePassword = password;
            return this;
        }

        /** The key store's type; default: the JDK's ({@code PKCS12}, which reads JKS files too). */
        public Builder keyStoreType(String type) {
            this.keyStoreType = blankToNull(type);
            return this;
        }

        /** A trust store of the certificates (or CAs) clients may present; default: the JDK's trust. */
        public Builder trustStore(Path file) {
            this.trustStore = file;
            listenerSettings = true;
            return this;
        }

        public Builder trustStorePassword(String password) {
            this.trustStorePassword = password;
            return this;
        }

        public Builder trustStoreType(String type) {
            this.trustStoreType = blankToNull(type);
            return this;
        }

        /** Whether clients must present a certificate; default {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth mode) {
            this.clientAuth = Objects.requireNonNull(mode, "clientAuth");
            listenerSettings = true;
            return this;
        }

        /**
         * The TLS versions to offer, a subset of {@link #SUPPORTED_PROTOCOLS} (TLSv1.3 and TLSv1.2 by default).
         *
         * @throws IllegalArgumentException for an empty list or another version
         */
        public Builder protocols(List<String> versions) {
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("no TLS protocol given (" + String.join(", ", SUPPORTED_PROTOCOLS)
                    + ")");
            }
            for (String version : versions) {
                if (SUPPORTED_PROTOCOLS.stream().noneMatch(p -> p.equalsIgnoreCase(version.trim()))) {
                    throw new IllegalArgumentException("unsupported TLS protocol '" + version + "' (only "
                        + String.join(", ", SUPPORTED_PROTOCOLS) + ")");
                }
            }
            List<String> chosen = SUPPORTED_PROTOCOLS.stream()
                .filter(p -> versions.stream().anyMatch(v -> v.trim().equalsIgnoreCase(p)))
                .toList();
            this.protocols = chosen;
            listenerSettings = true;
            return this;
        }

        /** Whether a key store has been given, i.e. whether the broker is to listen for TLS. */
        public boolean hasKeyStore() {
            return keyStore != null;
        }

        /**
         * Whether anything but passwords has been set: such settings without a key store are a mistake
         * worth reporting rather than a TLS listener silently missing.
         */
        public boolean isConfigured() {
            return listenerSettings || keyStore != null;
        }

        /**
         * The configuration; the stores are read only when the broker starts.
         *
         * @throws IllegalArgumentException without a key store
         */
        public TlsConfig build() {
            if (keyStore == null) {
                throw new IllegalArgumentException("TLS needs a key store with the broker's certificate and private key"
                    + " (--tls-keystore FILE, config key tls-keystore)");
            }
            return new TlsConfig(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
