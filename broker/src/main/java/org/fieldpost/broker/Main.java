package org.fieldpost.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fieldpost.broker.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code fieldpost} program: starts a broker and runs until SIGTERM or SIGINT.
 *
 * <p>Settings come from {@code --config FILE} (a properties file, see {@link BrokerConfigFile})
 * and are overridden by the command-line options. A store that cannot be opened (a data directory
 * used by another broker, an unknown schema version) ends the program with exit code 2 and a
 * one-line reason on standard error.
 */
@Command(name = "fieldpost", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Runs the Fieldpost AMQP 0-9-1 broker.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default 5672; 0 picks a free port)")
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

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main(System.out, System.err)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        EmbeddedBroker.Builder builder = EmbeddedBroker.builder().host("0.0.0.0");
        if (config != null) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                properties.load(in);
            }
            BrokerConfigFile.apply(properties, builder);
        }
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
        EmbeddedBroker broker;
        try {
            broker = builder.build().start();
        } catch (StoreException e) {
            err.println("fieldpost: " + e.getMessage());
            err.flush();
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "fieldpost-shutdown"));
        out.println("listening on " + broker.host() + ":" + broker.port());
        out.flush();
        stopped.await();
        return 0;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fieldpost " + EmbeddedBroker.version()};
        }
    }
}
