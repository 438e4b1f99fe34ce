package org.fieldpost.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.fieldpost.broker.testing.TestCertificates;
import org.fieldpost.broker.transport.AmqpServer;
import org.fieldpost.protocol.transport.SharedIoThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code fieldpost} program's TLS settings: where passwords come from, what wins, and the one-line
 * refusals (exit code 2) when the TLS set-up cannot work.
 */
class MainTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.get();
    private static final String KEYSTORE = CERTIFICATES.brokerKeyStore().toString();

    @TempDir
    Path scratch;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void wrongKeyStorePasswordEndsTheProgramWithOneLineNamingTheFile() {
        int exit = run(Map.of(), "--tls-keystore", KEYSTORE, "--tls-keystore-password", "not-it");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).startsWith("fieldpost: cannot open the TLS key store " + KEYSTORE + ": wrong password")
            .endsWith("; refusing to start\n").hasLineCount(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void missingKeyStoreIsNamed() {
        Path missing = scratch.resolve("missing.p12");

        int exit = run(Map.of(), "--tls-keystore", missing.toString(), "--tls-keystore-password", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("fieldpost: the TLS key store " + missing
            + " does not exist or is not a file; refusing to start\n");
    }

    @Test
    void tlsSettingsWithoutKeyStoreAreRefused() {
        assertThat(run(Map.of(), "--tls-port", "5671")).isEqualTo(2);
        assertThat(err()).contains("TLS needs a key store").hasLineCount(1);
    }

    @Test
    void passwordOnTheCommandLineAndInAFileAtOnceIsRefused() throws Exception {
        Path file = Files.writeString(scratch.resolve("pass"), TestCertificates.PASSWORD);

        assertThat(run(Map.of(), "--tls-keystore", KEYSTORE, "--tls-keystore-password", "a",
            "--tls-keystore-password-file", file.toString())).isEqualTo(2);
        assertThat(err()).contains("not both");
    }

    @Test
    void unreadablePasswordFileIsNamed() {
        Path missing = scratch.resolve("no-pass");

        assertThat(run(Map.of(), "--tls-keystore", KEYSTORE, "--tls-keystore-password-file", missing.toString()))
            .isEqualTo(2);
        assertThat(err()).isEqualTo("fieldpost: cannot read the password file " + missing
            + ": no such file; refusing to start\n");
    }

    @Test
    void unknownTlsConfigKeyIsNamed() throws Exception {
        Path config = Files.writeString(scratch.resolve("broker.properties"), "tls-keystroe=/etc/broker.p12\n");

        assertThat(run(Map.of(), "--config", config.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("fieldpost: config key 'tls-keystroe': unknown key; refusing to start\n");
    }

    @Test
    void environmentPasswordBeatsTheConfigFileAndPlainPortCanBeLeftOut() throws Exception {
        Path config = Files.writeString(scratch.resolve("broker.properties"), String.join("\n",
            "port=-1", "tls-port=0", "tls-keystore=" + KEYSTORE, "tls-keystore-password=stale",
            "tls-client-auth=none", "tls-protocols=TLSv1.3, TLSv1.2", ""));
        Main main = main(Map.of(TlsOptions.KEYSTORE_PASSWORD_ENV, TestCertificates.PASSWORD));
        new CommandLine(main).parseArgs("--config", config.toString(), "--host", "127.0.0.1", "--store", "memory",
            "--data", scratch.resolve("data").toString());

        try (EmbeddedBroker broker = main.configure().build().start()) {
            assertThat(broker.port()).isEqualTo(-1);
            assertThat(handshake(broker.tlsPort())).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void theBrokerProgramRunsItsOwnLoopsOnePerCoreUnlessTheConfigAsksForTheSharedOnes() throws Exception {
        Main alone = main(Map.of());
        new CommandLine(alone).parseArgs("--port", "0", "--host", "127.0.0.1", "--store", "memory", "--data",
            scratch.resolve("alone").toString());
        try (EmbeddedBroker broker = alone.configure().build().start()) {
            assertThat(broker.ioThreads()).isEqualTo(AmqpServer.ownIoThreads())
                .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }

        Path config = Files.writeString(scratch.resolve("shared.properties"), "io-threads=0\n");
        Main shared = main(Map.of());
        new CommandLine(shared).parseArgs("--config", config.toString(), "--port", "0", "--host", "127.0.0.1",
            "--store", "memory", "--data", scratch.resolve("shared").toString());
        try (EmbeddedBroker broker = shared.configure().build().start()) {
            assertThat(broker.ioThreads()).isEqualTo(SharedIoThreads.size());
        }
    }

    @Test
    void passwordFileOnTheCommandLineBeatsTheEnvironment() throws Exception {
        Path file = Files.writeString(scratch.resolve("pass"), TestCertificates.PASSWORD + "\nignored\n");
        Main main = main(Map.of(TlsOptions.KEYSTORE_PASSWORD_ENV, "stale"));
        new CommandLine(main).parseArgs("--port", "-1", "--host", "127.0.0.1", "--store", "memory", "--data",
            scratch.resolve("data").toString(), "--tls-port", "0", "--tls-keystore", KEYSTORE,
            "--tls-keystore-password-file", file.toString(), "--tls-protocols", "TLSv1.2");

        try (EmbeddedBroker broker = main.configure().build().start()) {
            assertThat(broker.port()).isEqualTo(-1);
            assertThat(handshake(broker.tlsPort())).isEqualTo("TLSv1.2");
        }
    }

    private Main main(Map<String, String> environment) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), environment);
    }

    /** Runs the program on a memory store; only for runs that end (refusals), before anything is bound. */
    private int run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--store", "memory",
            "--data", scratch.resolve("data").toString()));
        all.addAll(List.of(args));
        return new CommandLine(main(environment)).execute(all.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String handshake(int port) throws Exception {
        SSLContext context = TestCertificates.clientContext(CERTIFICATES.brokerTrustStore(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
