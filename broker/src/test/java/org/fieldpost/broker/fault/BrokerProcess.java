package org.fieldpost.broker.fault;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged broker ({@code broker/target/fieldpost-broker.jar}, path in the system property
 * {@code fieldpost.broker.jar}) running in a child JVM, for fault tests: start it on a data
 * directory, wait for "listening on HOST:PORT", kill it with SIGKILL or stop it with SIGTERM.
 * Output goes to a log file next to the data directory.
 *
 * <p>Concurrency: driven by the test thread only.
 */
final class BrokerProcess implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Pattern LISTENING = Pattern.compile("listening on ([^\\s:]+):(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private BrokerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static Path jar() {
        String jar = System.getProperty("fieldpost.broker.jar", "target/fieldpost-broker.jar");
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: run the package phase first");
        }
        return path;
    }

    /** Starts a broker on {@code data} and waits until it listens. */
    static BrokerProcess start(Path data, Path log, String... jvmOptions) throws IOException {
        int logged = read(log).length();
        Process p = launch(data, log, jvmOptions);
        int[] port = new int[1];
        try {
            await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("broker exited with " + p.exitValue() + ":\n" + read(log));
                }
                Matcher m = LISTENING.matcher(read(log).substring(logged));
                if (m.find()) {
                    port[0] = Integer.parseInt(m.group(2));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException | Error e) {
            p.destroyForcibly();
            throw e;
        }
        return new BrokerProcess(p, log, port[0]);
    }

    /** Starts a broker expected to refuse to start; returns its exit code and output. */
    static Refusal startRefused(Path data, Path log) throws IOException, InterruptedException {
        Process p = launch(data, log);
        if (!p.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the broker did not refuse to start:\n" + read(log));
        }
        return new Refusal(p.exitValue(), read(log));
    }

    private static Process launch(Path data, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+ExitOnOutOfMemoryError"); // as bin/broker: an OOM ends the broker, never limps on
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString(), "--port", "0", "--data", data.toString()));
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** A RabbitMQ client factory for this broker, without automatic recovery. */
    ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        factory.setRequestedHeartbeat(0);
        return factory;
    }

    /** SIGKILL: the broker gets no chance to finish anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits for the clean stop. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the broker did not stop on SIGTERM:\n" + read(log));
            }
        }
    }

    /** What a broker that refused to start said. */
    record Refusal(int exitCode, String output) {
    }
}
