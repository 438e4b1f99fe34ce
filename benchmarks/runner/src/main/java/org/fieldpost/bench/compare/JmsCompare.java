package org.fieldpost.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fieldpost.bench.jms.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The side-by-side JMS comparison: every workload against every provider, each run in a worker
 * process of its own with only that provider's classpath and a fresh data directory, providers
 * interleaved round by round (A B C, A B C, ...). Prints a table per workload and writes the CSV,
 * SVG charts and a Markdown report on request.
 */
@Command(name = "jms", mixinStandardHelpOptions = true,
    description = "Runs JMS workloads against Fieldpost, Artemis and ActiveMQ side by side.")
public final class JmsCompare implements Callable<Integer> {
    static final String DEFAULT_PROVIDERS = "fieldpost,fieldpost-process,artemis,activemq-kahadb,activemq-jdbc";

    @Option(names = "--providers", split = ",", description = "providers, in order (default " + DEFAULT_PROVIDERS
        + "; also fieldpost-vm, artemis-vm, activemq-kahadb-vm, activemq-jdbc-vm)")
    private List<String> providers = List.of(DEFAULT_PROVIDERS.split(","));

    @Option(names = "--workload", split = ",", description = "workloads, or all (default all)")
    private List<String> workloads = List.of("all");

    @Option(names = "--messages", description = "messages per run, or round trips for request-reply (default 20000)")
    private int messages = 20_000;

    @Option(names = "--size", description = "body size in bytes (default 1024)")
    private int size = 1024;

    @Option(names = "--rounds", description = "rounds; each figure is the median over them (default 3)")
    private int rounds = 3;

    @Option(names = "--warmup", description = "messages of an unmeasured warm-up run in each worker first "
        + "(default: a quarter of --messages, at most 5000)")
    private Integer warmup;

    @Option(names = "--warmup-seconds", description = "repeat the warm-up run, each on a new destination, until "
        + "this many seconds have gone by in the worker (default 0: one warm-up run)")
    private double warmupSeconds;

    @Option(names = "--csv", description = "write every run to this CSV file")
    private Path csv;

    @Option(names = "--svg-dir", description = "write a chart per workload, WORKLOAD.svg, to this folder")
    private Path svgDirectory;

    @Option(names = "--markdown", description = "write the report (machine, date, command, tables, charts) here")
    private Path markdown;

    @Option(names = "--data-root", description = "data directories and worker logs (default a new temporary folder)")
    private Path dataRoot;

    @Option(names = "--providers-dir", description = "provider classpaths (default: providers/ beside the jar)")
    private Path providersDirectory;

    @Option(names = "--worker-jvm", description = "JVM options of each worker (default \"-Xms1g -Xmx1g\")")
    private String workerJvm = "-Xms1g -Xmx1g";

    @Option(names = "--option", description = "provider option key=value, passed to every worker")
    private Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--timeout", description = "seconds before a worker is killed and its run INVALID (default 600)")
    private long timeoutSeconds = 600;

    @Option(names = "--keep-data", description = "keep each run's data directory")
    private boolean keepData;

    @Option(names = "--jfr", description = "record each worker (and Fieldpost broker process) with Flight Recorder")
    private boolean flightRecorder;

    private String[] arguments = new String[0];

    /** The arguments as given, for the report's command line. */
    public JmsCompare arguments(String[] args) {
        this.arguments = args.clone();
        return this;
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = workloads.contains("all") ? Workloads.names() : workloads;
        names.forEach(Workloads::named);
        Path root = dataRoot != null ? dataRoot : Files.createTempDirectory("fieldpost-jms-bench");
        Path classpaths = providersDirectory != null ? providersDirectory : ReportSupport.besideJar("providers");
        Map<String, String> workerOptions = new LinkedHashMap<>();
        workerOptions.put("fieldpost.broker-jar", ReportSupport.besideJar("../../broker/target/fieldpost-broker.jar")
            .normalize().toString());
        workerOptions.putAll(options);
        WorkerLauncher launcher = new WorkerLauncher(classpaths, root, Arrays.asList(workerJvm.trim().split("\\s+")),
            workerOptions, timeoutSeconds, keepData, flightRecorder);
        for (String provider : providers) {
            if (!Files.isDirectory(launcher.classpathOf(provider))) {
                System.err.println("no classpath for " + provider + " at " + launcher.classpathOf(provider)
                    + ": build the benchmarks modules (mvn package)");
                return 2;
            }
        }
        int warm = warmup != null ? warmup : Math.min(5000, messages / 4);
        if (warm < 0 || !(warmupSeconds >= 0)) {
            System.err.println("--warmup and --warmup-seconds cannot be negative");
            return 2;
        }
        System.err.printf("data and logs in %s%n", root);
        List<RunRecord> records = runAll(launcher, names, warm);
        Report report = new Report(records, providers);
        String text = ReportSupport.markdown(report, names, describeCommand(), size, markdown, svgDirectory);
        System.out.println(text);
        write(report, names, records, text);
        return records.stream().allMatch(r -> r.result().valid()) ? 0 : 1;
    }

    private List<RunRecord> runAll(WorkerLauncher launcher, List<String> names, int warm) throws Exception {
        List<RunRecord> records = new ArrayList<>();
        for (String workload : names) {
            for (int round = 1; round <= rounds; round++) {
                for (String provider : providers) {
                    RunRecord record = launcher.run(provider, workload, round, messages, size, warm, warmupSeconds);
                    records.add(record);
                    System.err.println(progress(record));
                }
            }
        }
        return records;
    }

    private static String progress(RunRecord record) {
        var r = record.result();
        String figures = !r.valid() ? "INVALID: " + r.problem()
            : Report.REQUEST_REPLY.equals(record.workload())
            ? String.format(Locale.ROOT, "%,.0f round trips/s, p50 %.0f µs, p99 %.0f µs", r.receiveRate(),
                r.p50Micros(), r.p99Micros())
            : String.format(Locale.ROOT, "send %,.0f msg/s, receive %,.0f msg/s", r.sendRate(), r.receiveRate());
        return String.format(Locale.ROOT, "%-22s %-16s round %d: %s (%.0f s)", record.workload(), record.provider(),
            record.round(), figures, record.wallSeconds());
    }

    private void write(Report report, List<String> names, List<RunRecord> records, String text) throws IOException {
        if (csv != null) {
            CsvReport.write(csv, records, size);
        }
        if (svgDirectory != null) {
            Files.createDirectories(svgDirectory);
            String subtitle = String.format(Locale.ROOT, "%,d messages of %,d bytes, median of %d rounds, "
                + "whiskers min–max", messages, size, rounds);
            for (String workload : names) {
                Files.writeString(svgDirectory.resolve(workload + ".svg"),
                    SvgChart.render(report, workload, providers, subtitle), StandardCharsets.UTF_8);
            }
        }
        if (markdown != null) {
            Path parent = markdown.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(markdown, text, StandardCharsets.UTF_8);
        }
    }

    private String describeCommand() {
        return "java -jar benchmarks/target/fieldpost-bench.jar jms " + String.join(" ", arguments);
    }
}
