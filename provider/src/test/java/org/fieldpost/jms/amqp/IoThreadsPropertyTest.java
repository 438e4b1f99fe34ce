package org.fieldpost.jms.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fieldpost.jms.FieldpostConnectionFactory;
import org.fieldpost.protocol.transport.SharedIoThreads;
import org.junit.jupiter.api.Test;

/**
 * An invalid {@code fieldpost.io-threads} fails the first connection with a {@link JMSException} that names
 * the property. The client takes its I/O threads once per JVM, so each case runs in a JVM of its own.
 */
class IoThreadsPropertyTest {

    @Test
    void anInvalidNumberFailsTheConnectionNamingTheProperty() throws Exception {
        Run run = connectIn(List.of("-D" + SharedIoThreads.PROPERTY + "=zero"));
        assertThat(run.output()).contains("jakarta.jms.JMSException").contains(SharedIoThreads.PROPERTY)
            .contains("'zero'");
        assertThat(run.exitCode()).isEqualTo(Attempt.REFUSED);
    }

    @Test
    void aValidNumberIsTheNumberOfClientLoops() throws Exception {
        Run run = connectIn(List.of("-D" + SharedIoThreads.PROPERTY + "=3"));
        assertThat(run.output()).contains("loops=3");
        assertThat(run.exitCode()).isEqualTo(Attempt.UNREACHABLE);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run connectIn(List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Attempt.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The child JVM: one connection attempt to a port nobody listens on. */
    static final class Attempt {
        static final int REFUSED = 3;
        static final int UNREACHABLE = 4;

        public static void main(String[] args) throws Exception {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                int closedPort = probe.getLocalPort();
                probe.close();
                try (Connection ignored = new FieldpostConnectionFactory("amqp://127.0.0.1:" + closedPort)
                    .createConnection()) {
                    System.out.println("connected?");
                    System.exit(1);
                } catch (JMSException e) {
                    System.out.println(e.getClass().getName() + ": " + e.getMessage());
                    boolean refusedByProperty = String.valueOf(e.getMessage()).contains(SharedIoThreads.PROPERTY);
                    if (!refusedByProperty) {
                        int loops = 0;
                        for (io.netty.util.concurrent.EventExecutor ignored : IoThreads.group()) {
                            loops++;
                        }
                        System.out.println("loops=" + loops);
                    }
                    System.exit(refusedByProperty ? REFUSED : UNREACHABLE);
                }
            }
        }
    }
}
