package org.fieldpost.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.fieldpost.broker.EmbeddedBroker;

/**
 * Runs one example by name:
 *
 * <pre>
 * java -jar examples/target/fieldpost-examples.jar NAME [amqp://guest:guest@host:port/]
 * </pre>
 *
 * <p>Without a URL the example starts its own broker on a free port in a temporary directory.
 */
public final class Examples {

    /** One scenario: runs against a broker URL and reports what happened on {@code out}. */
    @FunctionalInterface
    public interface Example {
        void run(String url, PrintStream out) throws Exception;
    }

    /** The examples by the name they are run with. */
    public static final Map<String, Example> ALL = new TreeMap<>(Map.of(
        "request-reply", RequestReply::run,
        "broadcast", Broadcast::run,
        "publish-subscribe", PublishSubscribe::run,
        "kombu-interop", KombuInterop::run));

    private Examples() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "persistent-vs-transient".equals(args[0])) {
            PersistentVsTransient.run(System.out);
            return;
        }
        Example example = args.length == 0 ? null : ALL.get(args[0]);
        if (example == null) {
            System.err.println("usage: fieldpost-examples (" + String.join(" | ", ALL.keySet())
                + ") [amqp-url] | persistent-vs-transient");
            System.exit(2);
            return;
        }
        if (args.length > 1) {
            example.run(args[1], System.out);
            return;
        }
        Path data = Files.createTempDirectory("fieldpost-example");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDirectory(data).build().start()) {
            example.run(urlOf(broker), System.out);
        }
    }

    /** The {@code amqp://} URL of a local broker, with the default user. */
    public static String urlOf(EmbeddedBroker broker) {
        return "amqp://guest:guest@127.0.0.1:" + broker.port() + "/";
    }
}
