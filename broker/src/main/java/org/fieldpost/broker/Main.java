package org.fieldpost.broker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.broker.transport.AmqpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code fieldpost} program: starts a broker and runs until SIGTERM or SIGINT.
 *
 * <p>Settings come from {@code --config FILE} (a properties file, see {@link BrokerConfigFile})
 * and are overridden by the environment (TLS passwords, see {@link TlsOptions}) and the command-line
 * options. A broker that cannot start (a data directory used by another broker, an unknown schema
 * version, an unusable TLS key store, a port in use, a bad setting) ends the program with exit code 2
 * and a one-line reason on standard error. A store that fails while running (FP-B005) stops the
 * broker and ends the program with exit code 3, for a supervisor to restart it.
 */
@Command(name = "fieldpost", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Runs the Fieldpost AMQP 0-9-1 broker.")
public final class Main implements Callable<Integer> {

    /** Exit code after the durable store failed while running. */
    static final int EXIT_STORE_FAILED = 3;

    @Option(names = "--port", paramLabel = "N",
        description = "TCP port (default 5672; 0 picks a free port; -1: no plain listener, TLS only)")
    private Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to listen on (default 0.0.0.0)")
    private String host;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
    private Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file with broker settings")
    private Path config;

    @Option(names = "--store", paramLabel = "derby|memory",
        description = "where durable state lives (default derby, in the data directory)")
    private String store;

    @Option(names = "--jdbc-url", paramLabel = "URL",
        description = "JDBC URL of the Derby store instead of the embedded one in the data directory")
    private String jdbcUrl;

    @Option(names = "--memory-limit", paramLabel = "SIZE",
        description = "memory for queued messages (e.g. 512m; default 40%% of the heap); past it persistent "
            + "messages are paged to the store and other publishers are blocked")
    private String memoryLimit;

    @Mixin
    private TlsOptions tls = new TlsOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    Main(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = commandLine(in, System.out, System.err, System.getenv()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The program with its subcommands ({@code hash-password}), reading and writing the given streams. */
    static CommandLine commandLine(BufferedReader in, PrintStream out, PrintStream err, Map<String, String> env) {
        return new CommandLine(new Main(out, err, env))
            .addSubcommand(new HashPasswordCommand(in, out, err))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    }

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedBroker broker;
        try {
            broker = configure().build().start();
        } catch (StoreException | TlsConfigException | UncheckedIOException | IllegalArgumentException
            | IllegalStateException e) {
            err.println("fieldpost: " + reason(e));
            err.flush();
            return 2;
        }
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            exit.complete(0);
        }, "fieldpost-shutdown"));
        broker.whenStoreFailed().thenRun(() -> exit.complete(EXIT_STORE_FAILED));
        if (broker.port() >= 0) {
            out.println("listening on " + broker.host() + ":" + broker.port());
        }
        if (broker.tlsPort() >= 0) {
            out.println("listening on " + broker.host() + ":" + broker.tlsPort() + " (amqps)");
        }
        out.flush();
        int code = exit.join();
        if (code == EXIT_STORE_FAILED) {
            err.println("fieldpost: the durable store failed and the broker stopped (see the log); restart it");
            err.flush();
        }
        return code;
    }

    private static String reason(RuntimeException e) {
        Throwable reported = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String text = reported.getMessage() != null ? reported.getMessage() : reported.toString();
        return text.contains("refusing to start") ? text : text + "; refusing to start";
    }

    /**
     * The broker's configuration: the config file, then the environment, then the options.
     *
     * @throws IllegalArgumentException for an unreadable or malformed setting, naming it
     */
    EmbeddedBroker.Builder configure() {
        // Alone in its JVM, the broker has no client to share I/O threads with (io-threads=0 still asks for that).
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().host("0.0.0.0").ioThreads(AmqpServer.ownIoThreads());
        TlsConfig.Builder tlsConfig = TlsConfig.builder();
        if (config != null) {
            BrokerConfigFile.apply(BrokerConfigFile.read(config), builder, tlsConfig);
        }
        tls.applyTo(tlsConfig, environment);
        if (port != null) {
            builder.port(port);
        }
        if (host != null) {
            builder.host(host);
        }
        if (data != null) {
            builder.dataDirectory(data);
        }
        if (store != null) {
            builder.store(StoreType.parse(store));
        }
        if (jdbcUrl != null) {
            builder.jdbcUrl(jdbcUrl);
        }
        if (memoryLimit != null) {
            builder.memoryLimit(BrokerConfigFile.parseSize(memoryLimit));
        }
        if (tlsConfig.isConfigured()) {
            builder.tls(tlsConfig.build());
        }
        return builder;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fieldpost " + EmbeddedBroker.version()};
        }
    }
}
