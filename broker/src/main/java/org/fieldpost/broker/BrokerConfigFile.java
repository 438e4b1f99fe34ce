package org.fieldpost.broker;

import java.nio.file.Path;
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
 * heartbeat=60
 * frame-max=131072
 * channel-max=2047
 * max-body-size=134217728
 * io-threads=0
 * vhosts=/,staging
 * user.alice=pbkdf2-sha256:10000:SALT:HASH   (or a plain password)
 * </pre>
 */
final class BrokerConfigFile {
    private static final String USER_PREFIX = "user.";

    private BrokerConfigFile() {
    }

    /**
     * Applies the properties to a builder.
     *
     * @throws IllegalArgumentException for an unknown key or a malformed value, naming the key
     */
    static void apply(Properties properties, EmbeddedBroker.Builder builder) {
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            try {
                applyOne(key, value, builder);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config key '" + key + "': not a number: " + value, e);
            }
        }
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
            default -> throw new IllegalArgumentException("unknown config key '" + key + "'");
        }
    }
}
