package org.fieldpost.bench.jms;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fieldpost.bench.jms.workload.Workload;
import org.fieldpost.bench.jms.workload.WorkloadSpec;
import org.fieldpost.bench.jms.workload.Workloads;

/**
 * One provider, one workload, one round, in a process of its own: starts the provider's broker in
 * a fresh data directory, runs a warm-up ({@link WarmUp}) and then the measured run on their own
 * destinations, stops the broker and prints one {@link WorkloadResult} line (and a {@code BROKER}
 * line naming what ran, a {@code WARMUP} line saying how long it warmed up). The runner starts it
 * with only that provider's classpath.
 *
 * <pre>
 * java -cp PROVIDER-CLASSPATH org.fieldpost.bench.jms.WorkerMain --provider artemis --workload queue-persistent
 *     --messages 20000 --size 1024 --warmup 5000 [--warmup-seconds 10] --data DIR [--option key=value]...
 * </pre>
 */
public final class WorkerMain {
    /** The prefix of the line that describes the broker. */
    public static final String BROKER_PREFIX = "BROKER\t";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        WorkloadResult result;
        try {
            result = run(parse(args), out);
        } catch (Exception e) {
            e.printStackTrace();
            result = WorkloadResult.failed(option(args, "--workload", "?"), 0, "worker: " + e);
        }
        out.println(result.toLine());
        out.flush();
        // Some brokers leave non-daemon threads behind; the result is out, so leave.
        System.exit(0);
    }

    static WorkloadResult run(Map<String, String> options, PrintStream out) throws Exception {
        String provider = required(options, "provider");
        Workload workload = Workloads.named(required(options, "workload"));
        int messages = Integer.parseInt(required(options, "messages"));
        int size = Integer.parseInt(options.getOrDefault("size", "1024"));
        int warmupMessages = Integer.parseInt(options.getOrDefault("warmup", "0"));
        WarmUp warmUp = new WarmUp(warmupMessages, Double.parseDouble(options.getOrDefault("warmup-seconds", "0")),
            System::nanoTime);
        Path data = Path.of(required(options, "data"));
        Files.createDirectories(data);
        BrokerPlugin plugin = plugin(provider);
        try (RunningBroker broker = plugin.start(provider, data, options)) {
            out.println(BROKER_PREFIX + broker.description());
            out.flush();
            WarmUp.Outcome warm = warmUp.run(pass -> workload.run(broker.connectionFactory(),
                WorkloadSpec.of(warmupMessages, size, WarmUp.destination(workload.name(), pass))));
            out.println(warm.toLine());
            out.flush();
            if (!warm.valid()) {
                return WorkloadResult.failed(workload.name(), messages, warm.problem());
            }
            return workload.run(broker.connectionFactory(),
                WorkloadSpec.of(messages, size, "bench." + workload.name()));
        }
    }

    /** The plug-in on the classpath that starts {@code provider}. */
    static BrokerPlugin plugin(String provider) {
        List<String> known = new ArrayList<>();
        for (BrokerPlugin plugin : ServiceLoader.load(BrokerPlugin.class)) {
            if (plugin.names().contains(provider)) {
                return plugin;
            }
            known.addAll(plugin.names());
        }
        throw new IllegalArgumentException("no plug-in for provider " + provider + " on this classpath; found "
            + known);
    }

    /** {@code --key value} pairs; {@code --option k=v} puts {@code k} itself. */
    static Map<String, String> parse(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IOException("expected --option, got " + args[i]);
            }
            String key = args[i].substring(2);
            String value = args[i + 1];
            int eq = value.indexOf('=');
            if ("option".equals(key) && eq > 0) {
                options.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(key, value);
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (name.equals(args[i])) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
