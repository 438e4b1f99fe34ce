package org.fieldpost.bench.compare;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldpost.bench.jms.WorkerMain;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * Runs one {@link WorkerMain} process with one provider's classpath, in a fresh data directory,
 * and reads its result from its output (kept as a log file). A provider folder's {@code native}
 * sub-folder, if any, goes on the worker's {@code java.library.path}.
 *
 * <p>Concurrency: used from the runner's main thread only; runs one worker at a time.
 */
final class WorkerLauncher {
    private final Path providersDirectory;
    private final Path dataRoot;
    private final List<String> jvmOptions;
    private final Map<String, String> providerOptions;
    private final long timeoutSeconds;
    private final boolean keepData;
    private final boolean flightRecorder;

    WorkerLauncher(Path providersDirectory, Path dataRoot, List<String> jvmOptions, Map<String, String> options,
        long timeoutSeconds, boolean keepData, boolean flightRecorder) {
        this.providersDirectory = providersDirectory;
        this.dataRoot = dataRoot;
        this.jvmOptions = jvmOptions;
        this.providerOptions = options;
        this.timeoutSeconds = timeoutSeconds;
        this.keepData = keepData;
        this.flightRecorder = flightRecorder;
    }

    /** The folder with a provider's jars: the provider name up to its first dash. */
    Path classpathOf(String provider) {
        int dash = provider.indexOf('-');
        return providersDirectory.resolve(dash < 0 ? provider : provider.substring(0, dash));
    }

    /**
     * Runs one worker and reads its result.
     *
     * @param warmup messages of each warm-up pass (0 for none)
     * @param warmupSeconds the least time the warm-up passes take together (0 for one pass)
     */
    RunRecord run(String provider, String workload, int round, int messages, int size, int warmup,
        double warmupSeconds) throws IOException, InterruptedException {
        String id = workload + "-" + provider + "-r" + round;
        Path data = dataRoot.resolve("data").resolve(id);
        Path log = dataRoot.resolve("logs").resolve(id + ".log");
        deleteTree(data);
        Files.createDirectories(data);
        Files.createDirectories(log.getParent());
        if (flightRecorder) {
            Files.createDirectories(dataRoot.resolve("jfr"));
        }
        List<String> command = command(provider, workload, messages, size, warmup, warmupSeconds, data, id);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!keepData) {
            deleteTree(data);
        }
        return read(log, provider, workload, round, messages, finished, wall);
    }

    private List<String> command(String provider, String workload, int messages, int size, int warmup,
        double warmupSeconds, Path data, String id) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        Path nativeLibraries = classpathOf(provider).resolve("native");
        if (Files.isDirectory(nativeLibraries)) {
            command.add("-Djava.library.path=" + nativeLibraries);
        }
        if (flightRecorder) {
            command.add("-XX:StartFlightRecording=filename=" + dataRoot.resolve("jfr").resolve(id + ".jfr")
                + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", classpathOf(provider) + File.separator + "*", WorkerMain.class.getName(),
            "--provider", provider, "--workload", workload, "--messages", Integer.toString(messages),
            "--size", Integer.toString(size), "--warmup", Integer.toString(warmup),
            "--warmup-seconds", Double.toString(warmupSeconds), "--data", data.toString()));
        for (Map.Entry<String, String> option : providerOptions.entrySet()) {
            command.addAll(List.of("--option", option.getKey() + "=" + option.getValue()));
        }
        if (flightRecorder && !providerOptions.containsKey("fieldpost.broker-jvm")) {
            command.addAll(List.of("--option", "fieldpost.broker-jvm=" + String.join(" ", jvmOptions)
                + " -XX:StartFlightRecording=filename=" + dataRoot.resolve("jfr").resolve(id + "-broker.jfr")
                + ",settings=profile,dumponexit=true"));
        }
        return command;
    }

    private static RunRecord read(Path log, String provider, String workload, int round, int messages,
        boolean finished, double wall) throws IOException {
        WorkloadResult result = null;
        String broker = "";
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(WorkloadResult.LINE_PREFIX)) {
                result = WorkloadResult.parse(line);
            } else if (line.startsWith(WorkerMain.BROKER_PREFIX)) {
                broker = line.substring(WorkerMain.BROKER_PREFIX.length());
            }
        }
        if (result == null) {
            String why = finished ? "the worker printed no result" : "the worker timed out";
            result = WorkloadResult.failed(workload, messages, why + "; see " + log);
        }
        return new RunRecord(workload, provider, round, result, broker, wall);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
