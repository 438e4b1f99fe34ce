package org.fieldpost.broker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.StoreType;
import org.fieldpost.protocol.transport.SharedIoThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How many I/O threads the server runs: those it shares with the clients of its JVM unless configured. */
class AmqpServerThreadsTest {

    @Test
    void unconfiguredItRunsOnTheSharedEventLoopsOneForEveryTwoCores() {
        int holders = SharedIoThreads.holders();
        AmqpServer server = new AmqpServer(0);
        try {
            assertThat(server.sharesIoThreads()).isTrue();
            assertThat(SharedIoThreads.holders()).isEqualTo(holders + 1);
            assertThat(server.ioThreads()).isEqualTo(SharedIoThreads.size())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        } finally {
            server.close();
        }
        assertThat(SharedIoThreads.holders()).as("released at close").isEqualTo(holders);
        server.close();
        assertThat(SharedIoThreads.holders()).as("and only once").isEqualTo(holders);
    }

    @Test
    void aConfiguredCountGetsItsOwnEventLoops() {
        int holders = SharedIoThreads.holders();
        AmqpServer server = new AmqpServer(3);
        try {
            assertThat(server.ioThreads()).isEqualTo(3);
            assertThat(server.sharesIoThreads()).isFalse();
            assertThat(SharedIoThreads.holders()).isEqualTo(holders);
        } finally {
            server.close();
        }
    }

    /**
     * The shared event loops outlive a broker that stops while clients of its JVM hold them, so the
     * broker closes its connections itself, also one still in its handshake (which no connection
     * registry knows of).
     */
    @Test
    @Timeout(30)
    void aStoppingBrokerClosesEveryConnectionWhileClientsKeepTheSharedLoops() throws Exception {
        EventLoopGroup clients = SharedIoThreads.acquire(); // what a Fieldpost client in this JVM holds
        try {
            EmbeddedBroker broker = EmbeddedBroker.builder().port(0).store(StoreType.MEMORY).build().start();
            try (Socket socket = new Socket("127.0.0.1", broker.port())) {
                socket.getOutputStream().write("AMQP\0\0\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis()); // well under the 10 s handshake timeout
                readFrame(in); // connection.start: the connection is accepted and waits for start-ok

                broker.close();
                assertThat(in.read()).as("end of stream once the broker stopped").isEqualTo(-1);
            }
            assertThat(clients.isShuttingDown()).as("the clients' loops keep running").isFalse();
        } finally {
            SharedIoThreads.release();
        }
    }

    private static void readFrame(InputStream in) throws Exception {
        byte[] header = in.readNBytes(7);
        assertThat(header).hasSize(7);
        int size = ((header[3] & 0xff) << 24) | ((header[4] & 0xff) << 16) | ((header[5] & 0xff) << 8)
            | (header[6] & 0xff);
        assertThat(in.readNBytes(size + 1)).hasSize(size + 1);
    }
}
