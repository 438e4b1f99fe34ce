package org.fieldpost.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.fieldpost.broker.EmbeddedBroker;

/**
 * The broker the TCK runs against: one per run, on the port the build reserved, with an empty data
 * directory and the users the TCK logs in as.
 *
 * <p>The build passes the port and the directory as system properties ({@value #PORT_PROPERTY},
 * {@value #DATA_PROPERTY}); the same port is written into {@code jndi.properties}.
 */
public final class TckBroker {

    /** System property: the TCP port, the one {@code jndi.properties} names. */
    public static final String PORT_PROPERTY = "fieldpost.tck.port";
    /** System property: the data directory, emptied before the broker starts. */
    public static final String DATA_PROPERTY = "fieldpost.tck.data";
    /** The user the TCK passes to {@code createConnection(user, password)} (system properties user, password). */
    public static final String TCK_USER = "j2ee";
    /** Anonymous {@code createConnection()} logs in with the provider's URL default, guest. */
    public static final String ANONYMOUS_USER = "guest";

    private TckBroker() {
    }

    /**
     * Starts the broker the system properties describe.
     *
     * @throws IllegalStateException if a property is missing (the runner only works through Maven)
     */
    public static EmbeddedBroker startFromSystemProperties() {
        String port = System.getProperty(PORT_PROPERTY);
        String data = System.getProperty(DATA_PROPERTY);
        if (port == null || port.isBlank() || data == null || data.isBlank()) {
            throw new IllegalStateException("system properties " + PORT_PROPERTY + " and " + DATA_PROPERTY
                + " are not set: run the TCK through Maven (tck-runner/README.md)");
        }
        return start(Integer.parseInt(port.trim()), Path.of(data));
    }

    /** Empties {@code dataDirectory}, then starts a broker on {@code port} with the TCK's users. */
    public static EmbeddedBroker start(int port, Path dataDirectory) {
        emptyDirectory(dataDirectory);
        return EmbeddedBroker.builder()
            .host("127.0.0.1")
            .port(port)
            .dataDirectory(dataDirectory)
            .user(ANONYMOUS_USER, ANONYMOUS_USER)
            .user(TCK_USER, TCK_USER)
            .build()
            .start();
    }

    static void emptyDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the broker data directory " + directory, e);
        }
    }
}
