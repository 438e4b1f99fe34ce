package org.fieldpost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldpost.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example against a real broker and checks what it reports. */
class ExamplesTest {
    @TempDir
    static Path data;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().port(0).dataDirectory(data).build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void requestReplyAnswersEveryRequestOnTheTemporaryQueue() throws Exception {
        assertThat(run(Examples.ALL.get("request-reply"))).contains(
            "reply to req-alpha: ALPHA", "reply to req-beta: BETA", "reply to req-gamma: GAMMA");
    }

    @Test
    void broadcastReachesEverySubscriber() throws Exception {
        String output = run(Examples.ALL.get("broadcast"));
        for (int i = 1; i <= 3; i++) {
            assertThat(output).contains("subscriber " + i + " got [markets open, rates unchanged]");
        }
    }

    @Test
    void publishSubscribeDeliversByPattern() throws Exception {
        assertThat(run(Examples.ALL.get("publish-subscribe"))).contains(
            "stock.nyse.* got [IBM 182.50, GE 171.20]", "stock.# got [IBM 182.50, AAPL 230.10, GE 171.20]");
    }

    @Test
    void onlyPersistentMessagesSurviveARestart() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PersistentVsTransient.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8))
            .contains("after the restart the queue holds [persistent 1, persistent 2, persistent 3]");
    }

    @Test
    void kombuAndJmsExchangeMessagesBothWays() throws Exception {
        boolean kombu = Files.isExecutable(Path.of("/usr/bin/python3")) && new ProcessBuilder("/usr/bin/python3",
            "-c", "import kombu").start().waitFor() == 0;
        if (System.getenv("CI") == null) {
            assumeThat(kombu).as("python3-kombu installed (bin/install-test-deps)").isTrue();
        }
        assertThat(run(Examples.ALL.get("kombu-interop"))).contains(
            "kombu sent 3 messages",
            "JMS received [TextMessage hello 1 from kombu, TextMessage hello 2 from kombu, "
                + "TextMessage hello 3 from kombu]",
            "kombu received ['hello from JMS (origin=fieldpost-jms)']");
    }

    private static String run(Examples.Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example.run(Examples.urlOf(broker), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
