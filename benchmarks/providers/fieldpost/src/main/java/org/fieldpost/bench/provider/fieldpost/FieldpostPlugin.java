package org.fieldpost.bench.provider.fieldpost;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldpost.bench.jms.BrokerPlugin;
import org.fieldpost.bench.jms.PluginSupport;
import org.fieldpost.bench.jms.RunningBroker;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Fieldpost's JMS provider, in three shapes.
 * <ul>
 *   <li>{@code fieldpost}: the broker embedded in the worker ({@link EmbeddedBroker} on a loopback
 *       port, Derby store in the data directory), the client over TCP with {@code
 *       amqp://guest:guest@127.0.0.1:PORT}: the shape in which Artemis and ActiveMQ run here.
 *   <li>{@code fieldpost-process}: the broker as a child process ({@code java -jar
 *       fieldpost-broker.jar --port 0 --data DIR}), the client over TCP: the deployed shape, which
 *       pays for a second JVM (its own JIT compilation, its own share of the cores).
 *   <li>{@code fieldpost-vm}: {@code vm://bench?data=DIR}, the broker started inside the worker by
 *       the provider and reached over Netty's in-VM (local) transport: AMQP frames, no socket.
 * </ul>
 *
 * <p>The embedded shape prints the store's statistics to the worker's log when it stops ({@code
 * STORE} line: commits, enqueues never written and why).
 *
 * <p>Options: {@code fieldpost.broker-jar} (default {@code broker/target/fieldpost-broker.jar}
 * under the working directory) and {@code fieldpost.broker-jvm} (space-separated JVM options for
 * the child, default {@code -Xmx1g}).
 */
public final class FieldpostPlugin implements BrokerPlugin {

    private static final String LOOPBACK = "127.0.0.1";

    @Override
    public List<String> names() {
        return List.of("fieldpost", "fieldpost-process", "fieldpost-vm");
    }

    @Override
    public RunningBroker start(String name, Path dataDirectory, Map<String, String> options) throws Exception {
        String version = PluginSupport.versionOf(EmbeddedBroker.class);
        if (name.endsWith("-vm")) {
            ConnectionFactory factory =
                new FieldpostConnectionFactory("vm://bench?data=" + dataDirectory.toAbsolutePath());
            // The in-VM broker stops when its last connection closes: hold one for the whole run.
            Connection holder = factory.createConnection();
            return new Running(factory, holder::close, "Fieldpost " + version
                + ", vm:// (the broker in the worker's JVM, AMQP over the in-VM transport, no socket)");
        }
        if (name.endsWith("-process")) {
            return startProcess(version, dataDirectory, options);
        }
        EmbeddedBroker broker = EmbeddedBroker.builder().host(LOOPBACK).port(0).dataDirectory(dataDirectory)
            .build().start();
        AutoCloseable stop = () -> {
            // for the worker's log: how the store wrote (or did not write) what the workload sent
            System.err.println("STORE\t" + broker.storeStatistics());
            broker.close();
        };
        return new Running(factory(broker.port()), stop, "Fieldpost " + version
            + ", broker embedded in the worker's JVM, client over TCP to " + LOOPBACK + ":" + broker.port());
    }

    private static RunningBroker startProcess(String version, Path dataDirectory, Map<String, String> options)
        throws Exception {
        Path jar = Path.of(options.getOrDefault("fieldpost.broker-jar", "broker/target/fieldpost-broker.jar"));
        List<String> jvm = Arrays.asList(options.getOrDefault("fieldpost.broker-jvm", "-Xmx1g").trim().split("\\s+"));
        BrokerProcess process = BrokerProcess.start(jar, dataDirectory, jvm);
        try {
            return new Running(factory(process.port()), process::close, "Fieldpost " + version + ", broker process "
                + jvm + " (pid " + process.pid() + "), client over TCP to " + LOOPBACK + ":" + process.port());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static ConnectionFactory factory(int port) {
        return new FieldpostConnectionFactory("amqp://guest:guest@" + LOOPBACK + ":" + port);
    }

    private record Running(ConnectionFactory connectionFactory, AutoCloseable stop, String description)
        implements RunningBroker {

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }
}
