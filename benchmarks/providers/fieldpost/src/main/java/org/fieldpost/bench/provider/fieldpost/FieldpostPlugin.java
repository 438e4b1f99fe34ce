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
 * Fieldpost's JMS provider. {@code fieldpost}: the broker as a child process
 * ({@code java -jar fieldpost-broker.jar --port 0 --data DIR}), the client over TCP with
 * {@code amqp://guest:guest@127.0.0.1:PORT}. {@code fieldpost-vm}: {@code vm://bench?data=DIR},
 * the broker started inside the worker by the provider (it still talks AMQP over loopback TCP).
 *
 * <p>Options: {@code fieldpost.broker-jar} (default {@code broker/target/fieldpost-broker.jar}
 * under the working directory) and {@code fieldpost.broker-jvm} (space-separated JVM options for
 * the child, default {@code -Xmx1g}).
 */
public final class FieldpostPlugin implements BrokerPlugin {

    @Override
    public List<String> names() {
        return List.of("fieldpost", "fieldpost-vm");
    }

    @Override
    public RunningBroker start(String name, Path dataDirectory, Map<String, String> options) throws Exception {
        String version = PluginSupport.versionOf(EmbeddedBroker.class);
        if (name.endsWith("-vm")) {
            ConnectionFactory factory =
                new FieldpostConnectionFactory("vm://bench?data=" + dataDirectory.toAbsolutePath());
            // The in-VM broker stops when its last connection closes: hold one for the whole run.
            Connection holder = factory.createConnection();
            return new Running(factory, null, holder, "Fieldpost " + version
                + ", in-VM (vm://, the broker in the worker's JVM, AMQP over loopback TCP)");
        }
        Path jar = Path.of(options.getOrDefault("fieldpost.broker-jar", "broker/target/fieldpost-broker.jar"));
        List<String> jvm = Arrays.asList(options.getOrDefault("fieldpost.broker-jvm", "-Xmx1g").trim().split("\\s+"));
        BrokerProcess process = BrokerProcess.start(jar, dataDirectory, jvm);
        try {
            ConnectionFactory factory =
                new FieldpostConnectionFactory("amqp://guest:guest@127.0.0.1:" + process.port());
            return new Running(factory, process, null, "Fieldpost " + version + ", broker process " + jvm
                + " (pid " + process.pid() + "), client over TCP to 127.0.0.1:" + process.port());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private record Running(ConnectionFactory connectionFactory, BrokerProcess process, Connection holder,
        String description) implements RunningBroker {

        @Override
        public void close() throws Exception {
            if (holder != null) {
                holder.close();
            }
            if (process != null) {
                process.close();
            }
        }
    }
}
