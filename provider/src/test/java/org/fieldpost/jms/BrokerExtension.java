package org.fieldpost.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fieldpost.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EmbeddedBroker} on an ephemeral port, in a fresh data directory, for one test class
 * (register it on a {@code static} field). Users: {@code u/p} and {@code guest/guest}.
 *
 * <p>With the system property {@value #TRANSPORT} set to {@code vm} (the {@code in-vm} test run of
 * this module's build) the broker also listens in-VM, and {@link #url} and {@link #factory} give
 * {@code vm://} URLs, which log in as {@code guest}: every test that connects through them runs over
 * the in-VM transport instead of TCP.
 */
public final class BrokerExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "u";
    public static final String PASSWORD = "p";
    /** The system property choosing the transport of {@link #url}: {@code tcp} (default) or {@code vm}. */
    public static final String TRANSPORT = "fieldpost.test.transport";
    private static final AtomicInteger IN_VM_NAMES = new AtomicInteger();

    private final Consumer<EmbeddedBroker.Builder> customizer;
    private EmbeddedBroker broker;
    private Path dataDirectory;
    private String inVmName;

    public BrokerExtension() {
        this(b -> { });
    }

    public BrokerExtension(Consumer<EmbeddedBroker.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("fieldpost-provider-test");
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().port(0).dataDirectory(dataDirectory)
            .user(USER, PASSWORD).user("guest", "guest").ioThreads(2);
        if ("vm".equals(System.getProperty(TRANSPORT))) {
            inVmName = "provider-test-" + IN_VM_NAMES.incrementAndGet();
            builder.inVm(inVmName);
        }
        customizer.accept(builder);
        broker = builder.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        broker.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public int port() {
        return broker.port();
    }

    /**
     * {@code amqp://u:p@127.0.0.1:PORT} (or {@code vm://NAME}, see {@link #TRANSPORT}) plus {@code query}
     * (without '?'), if any.
     */
    public String url(String query) {
        String base = inVmName != null ? "vm://" + inVmName
            : "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port();
        return base + (query.isEmpty() ? "" : "?" + query);
    }

    public String url() {
        return url("");
    }

    /** Another broker (guest/guest, in-memory), for tests that kill it; the caller closes it. */
    public static EmbeddedBroker startAnother() throws IOException {
        return EmbeddedBroker.builder().port(0).dataDirectory(Files.createTempDirectory("fieldpost-victim"))
            .ioThreads(1).build().start();
    }

    /** A factory for {@link #url()}. */
    public FieldpostConnectionFactory factory() {
        return new FieldpostConnectionFactory(url());
    }

    /** A factory for {@link #url(String)}. */
    public FieldpostConnectionFactory factory(String query) {
        return new FieldpostConnectionFactory(url(query));
    }
}
