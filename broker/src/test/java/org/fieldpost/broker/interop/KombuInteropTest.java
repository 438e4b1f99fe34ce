package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Connection;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.TlsConfig;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.MiniJson;
import org.fieldpost.broker.testing.Probes;
import org.fieldpost.broker.testing.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs {@code src/test/python/kombu_interop.py} with Debian's {@code /usr/bin/python3} (which has
 * python3-kombu) against the broker, over plain TCP and over TLS, and checks its JSON summary: each
 * queue received exactly the expected bodies, in order, with the delivery mode they were published with.
 *
 * <p>Without python3 or kombu the test is skipped locally, but fails when the environment variable
 * {@code CI} is set, so a CI image that lost kombu cannot pass silently.
 */
class KombuInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "src/test/python/kombu_interop.py";
    private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(90);
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.tls(TlsConfig.builder().port(0)
        .keyStore(TestCertificates.get().brokerKeyStore()).keyStorePassword(TestCertificates.PASSWORD).build()));

    @Test
    void kombuRoutesPersistentAndTransientMessagesThroughDirectFanoutAndTopic() throws Exception {
        requireKombu();
        String prefix = BrokerExtension.unique("kombu");

        assertRoutedAndCleanedUp(prefix, runScript(prefix, broker.port()));
    }

    /** The same over TLS: py-amqp checks the broker's certificate against its PEM and the host name. */
    @Test
    void kombuOverTls() throws Exception {
        requireKombu();
        String prefix = BrokerExtension.unique("kombu-tls");

        assertRoutedAndCleanedUp(prefix, runScript(prefix, broker.tlsPort(), "--ssl-ca",
            TestCertificates.get().brokerCertificatePem().toString()));
    }

    private static void assertRoutedAndCleanedUp(String prefix, Map<String, Object> summary) throws Exception {
        assertThat(summary.get("expected_total")).isEqualTo(15L);
        assertThat(summary.get("received_total")).as("deliveries, duplicates included").isEqualTo(15L);
        @SuppressWarnings("unchecked")
        Map<String, Object> queues = (Map<String, Object>) summary.get("queues");
        expectedDeliveries().forEach((queue, expected) ->
            assertThat(deliveries(queues, queue)).as("queue %s", queue).containsExactlyElementsOf(expected));
        Connection connection = broker.openConnection();
        assertThat(Probes.queueExists(connection, prefix + ".direct_a")).as("the script cleaned up").isFalse();
        assertThat(Probes.exchangeExists(connection, prefix + ".topic")).isFalse();
    }

    /** queue -> "body/delivery-mode" in delivery order; must match PUBLICATIONS and BINDINGS in the script. */
    private static Map<String, List<String>> expectedDeliveries() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("direct_a", List.of("direct-a-persistent/2", "direct-a-transient/1"));
        expected.put("direct_b", List.of("direct-b-persistent/2"));
        expected.put("fanout_1", List.of("fanout-persistent/2", "fanout-transient/1"));
        expected.put("fanout_2", List.of("fanout-persistent/2", "fanout-transient/1"));
        expected.put("topic_eu", List.of("topic-eu-tick/1", "topic-eu-close/2"));
        expected.put("topic_all", List.of("topic-eu-tick/1", "topic-us-close/2", "topic-eu-close/2", "topic-news/1"));
        expected.put("topic_close", List.of("topic-us-close/2", "topic-eu-close/2"));
        return expected;
    }

    private static List<String> deliveries(Map<String, Object> queues, String queue) {
        assertThat(queues).as("summary lists queue %s", queue).containsKey(queue);
        List<String> result = new ArrayList<>();
        for (Object item : (List<?>) queues.get(queue)) {
            Map<?, ?> delivery = (Map<?, ?>) item;
            assertThat(delivery.get("redelivered")).as("first delivery of %s", delivery.get("body")).isEqualTo(false);
            result.add(delivery.get("body") + "/" + delivery.get("delivery_mode"));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runScript(String prefix, int port, String... options)
        throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("kombu-interop", ".out");
        Path stderr = Files.createTempFile("kombu-interop", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), "--host", broker.host(),
                "--port", Integer.toString(port), "--prefix", prefix, "--timeout", "30"));
            command.addAll(List.of(options));
            Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished = process.waitFor(SCRIPT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("kombu script still running after %s; stderr:%n%s", SCRIPT_DEADLINE, read(stderr));
            }
            assertThat(process.exitValue()).as("script exit status; stderr:%n%s", read(stderr)).isZero();
            return (Map<String, Object>) MiniJson.parse(lastLine(read(stdout)));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Skips (locally) or fails (when CI is set) unless /usr/bin/python3 can import kombu. */
    private static void requireKombu() throws InterruptedException {
        String problem = kombuProblem();
        if (problem == null) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("CI is set but the kombu interop test cannot run: " + problem);
        }
        Assumptions.assumeTrue(false, "skipped locally: " + problem);
    }

    private static String kombuProblem() throws InterruptedException {
        if (!new File(PYTHON).canExecute()) {
            return PYTHON + " is missing";
        }
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import kombu").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.destroyForcibly();
                return PYTHON + " -c 'import kombu' did not finish";
            }
            return probe.exitValue() == 0 ? null
                : "kombu is not importable by " + PYTHON + " (apt install python3-kombu)";
        } catch (IOException e) {
            return "cannot start " + PYTHON + ": " + e.getMessage();
        }
    }

    /** The script, whether the tests run from the broker module (Maven) or the repository root (IDE). */
    private static Path script() {
        Path fromModule = Path.of(SCRIPT);
        Path fromRoot = Path.of("broker").resolve(SCRIPT);
        Path found = Files.exists(fromModule) ? fromModule : fromRoot;
        assertThat(found).as("kombu script").exists();
        return found.toAbsolutePath();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        assertThat(lines[lines.length - 1]).as("JSON summary on the last stdout line of:%n%s", output).startsWith("{");
        return lines[lines.length - 1];
    }
}
