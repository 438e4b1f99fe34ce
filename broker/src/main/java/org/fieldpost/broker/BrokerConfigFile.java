package org.fieldpost.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The keys of the broker's {@code --config} properties file.
 *
 * <pre>
 * port=5672
 * host=0.0.0.0
 * data=/var/lib/fieldpost
 * store=derby                 (or memory)
 * jdbc-url=jdbc:derby://db.example:1527/fieldpost   (instead of the embedded database)
 * memory-limit=512m           (bytes, or with k, m, g; default 40% of the heap)
 * heartbeat=60
 * frame-max=131072
 * channel-max=2047
 * max-body-size=134217728
 * io-threads=0
 * vhosts=/,staging
 * user.alice=pbkdf2-sha256:10000:SALT:HASH   (or a plain password)
 * tls-keystore=/etc/fieldpost/broker.p12    (turns the AMQPS listener on)
 * tls-keystore-password-file=/etc/fieldpost/keystore.pass   (or tls-keystore-password=...)
 * tls-port=5671
 * tls-truststore=/etc/fieldpost/clients.p12
 * tls-truststore-password-file=/etc/fieldpost/truststore.pass
 * tls-client-auth=need        (none, want or need)
 * tls-protocols=TLSv1.3,TLSv1.2
 * </pre>
 *
 * <p>{@code port=-1} leaves out the plain listener (then TLS must be on).
 */
final class BrokerConfigFile {
    private static final String USER_PREFIX = "user.";
    private static final String TLS_PREFIX = "tls-";

    private BrokerConfigFile() {
    }

    /**
     * Reads a config file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + file + ": " + reason(e), e);
        }
        return properties;
    }

    /** What went wrong with a file, in a few words. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Applies the properties to a broker builder and the {@code tls-*} keys to a TLS builder. Reads the
     * password files named.
     *
     * @throws IllegalArgumentException for an unknown key, a malformed value or an unreadable password
     *     file, naming the key
     */
    static void apply(Properties properties, EmbeddedBroker.Builder builder, TlsConfig.Builder tls) {
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            try {
                if (key.startsWith(TLS_PREFIX)) {
                    applyTls(key, value, tls);
                } else {
                    applyOne(key, value, builder);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config key '" + key + "': not a number: " + value, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config key '" + key + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * A size in bytes: a number, optionally followed by {@code k}, {@code m} or {@code g} (powers of 1024).
     *
     * @throws NumberFormatException when it is not one
     */
    static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            v = v.substring(0, v.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(v), unit);
    }

    private static void applyOne(String key, String value, EmbeddedBroker.Builder builder) {
        if (key.startsWith(USER_PREFIX)) {
            builder.user(key.substring(USER_PREFIX.length()), value);
            return;
        }
        switch (key) {
            case "port" -> builder.port(Integer.parseInt(value));
            case "host" -> builder.host(value);
            case "data" -> builder.dataDirectory(Path.of(value));
            case "store" -> builder.store(StoreType.parse(value));
            case "jdbc-url" -> builder.jdbcUrl(value);
            case "memory-limit" -> builder.memoryLimit(parseSize(value));
            case "heartbeat" -> builder.heartbeatSeconds(Integer.parseInt(value));
            case "frame-max" -> builder.frameMax(Integer.parseInt(value));
            case "channel-max" -> builder.channelMax(Integer.parseInt(value));
            case "max-body-size" -> builder.maxBodySize(Long.parseLong(value));
            case "io-threads" -> builder.ioThreads(Integer.parseInt(value));
            case "vhosts" -> {
                for (String vhost : value.split(",")) {
                    builder.virtualHost(vhost.trim());
                }
            }
            default -> throw new IllegalArgumentException("unknown key");
        }
    }

    private static void applyTls(String key, String value, TlsConfig.Builder tls) {
        switch (key) {
            case "tls-port" -> tls.port(Integer.parseInt(value));
            case "tls-keystore" -> tls.keyStore(Path.of(value));
            case "tls-keystore-type" -> tls.keyStoreType(value);
            case "tls-keystore-password" -> tls.keyStorePassword(value);
            case "tls-keystore-password-file" -> tls.keyStorePassword(TlsOptions.readPasswordFile(Path.of(value)));
            case "tls-truststore" -> tls.trustStore(Path.of(value));
            case "tls-truststore-type" -> tls.trustStoreType(value);
            case "tls-truststore-password" -> tls.trustStorePassword(value);
            case "tls-truststore-password-file" -> tls.trustStorePassword(TlsOptions.readPasswordFile(Path.of(value)));
            case "tls-client-auth" -> tls.clientAuth(TlsConfig.ClientAuth.parse(value));
            case "tls-protocols" -> tls.protocols(List.of(value.split(",")));
            default -> throw new IllegalArgumentException("unknown key");
        }
    }
}
