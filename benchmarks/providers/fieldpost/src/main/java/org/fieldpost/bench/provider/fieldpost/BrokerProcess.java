package org.fieldpost.bench.provider.fieldpost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Fieldpost broker as a child process ({@code java -jar fieldpost-broker.jar --port 0}),
 * found by the {@code listening on HOST:PORT} line it prints once it accepts connections.
 *
 * <p>Concurrency: a daemon thread copies the child's output to this process's standard error;
 * the rest is called from the worker's main thread.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker and blocks until it listens (at most a minute). */
    static BrokerProcess start(Path brokerJar, Path data, List<String> jvmOptions) throws Exception {
        if (!Files.isRegularFile(brokerJar)) {
            throw new IOException(brokerJar.toAbsolutePath() + " not found: build the broker module first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", brokerJar.toString(), "--host", "127.0.0.1", "--port", "0",
            "--data", data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, listening), "fieldpost-broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new BrokerProcess(process, listening.get(1, TimeUnit.MINUTES));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the Fieldpost broker did not report a port: " + e, e);
        }
    }

    private static void pump(Process process, CompletableFuture<Integer> listening) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.err.println("[broker] " + line);
                Matcher matcher = LISTENING.matcher(line);
                if (!listening.isDone() && matcher.find()) {
                    listening.complete(Integer.parseInt(matcher.group(2)));
                }
            }
            listening.completeExceptionally(new IOException("broker exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            listening.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (the broker's shutdown hook closes it), then a kill after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
