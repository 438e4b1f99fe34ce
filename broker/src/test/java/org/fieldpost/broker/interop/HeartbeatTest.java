package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.wire.RawAmqpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Heartbeats (AMQP 0-9-1 section 4.2.7). The broker proposes 5 s; a client may lower it. The broker
 * sends heartbeats at the negotiated rate and drops a peer that has been silent for two intervals (as
 * RabbitMQ does), so a silent peer with heartbeat 1 s is gone after 2-3 s.
 */
class HeartbeatTest {

    private static final Duration SILENT_PEER_DEADLINE = Duration.ofMillis(4_500);
    /** {@code AmqpServer.HANDSHAKE_TIMEOUT_MILLIS}. */
    private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.heartbeatSeconds(5));

    @Test
    void clientRequestingOneSecondKeepsAWorkingConnection() throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setRequestedHeartbeat(1);
        Connection connection = broker.track(factory.newConnection());
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        String queue = channel.queueDeclare().getQueue();

        assertThat(connection.getHeartbeat()).as("negotiated heartbeat").isEqualTo(1);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(connection::isOpen);

        Messages.publishConfirmed(channel, "", queue, "still alive");
        assertThat(Messages.awaitBodies(channel, queue, 1)).containsExactly("still alive");
    }

    @Test
    void clientAcceptingTheServerProposalGetsIt() throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setRequestedHeartbeat(60);

        Connection connection = broker.track(factory.newConnection());

        assertThat(connection.getHeartbeat()).isEqualTo(5);
    }

    @Test
    void silentPeerIsDisconnectedWithinAFewIntervals() throws Exception {
        try (RawAmqpClient silent = RawAmqpClient.connect(broker.host(), broker.port()).handshake(1)) {
            long start = System.nanoTime();

            boolean closed = silent.awaitEof(SILENT_PEER_DEADLINE);

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(closed).as("broker closed the silent peer within %s", SILENT_PEER_DEADLINE).isTrue();
            assertThat(elapsed).as("not before one full interval").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(silent.heartbeatsSeen()).as("the broker sent heartbeats meanwhile").isPositive();
        }
    }

    @Test
    void peerThatOnlySendsHeartbeatsStaysConnected() throws Exception {
        try (RawAmqpClient peer = RawAmqpClient.connect(broker.host(), broker.port()).handshake(1)) {
            byte[] heartbeat = RawAmqpClient.frame(RawAmqpClient.FRAME_HEARTBEAT, 0, new byte[0]);
            for (int i = 0; i < 8; i++) {
                peer.sendRaw(heartbeat);
                assertThat(peer.awaitEof(Duration.ofMillis(500))).as("still connected after %d beats", i).isFalse();
            }
        }
    }

    @Test
    void clientThatNeverFinishesTheHandshakeIsDisconnectedAtTheDeadlineWhateverItSends() throws Exception {
        try (RawAmqpClient peer = RawAmqpClient.connect(broker.host(), broker.port())) {
            long start = System.nanoTime();
            peer.sendRaw(RawAmqpClient.PROTOCOL_HEADER);
            peer.expectMethod(0, RawAmqpClient.CLASS_CONNECTION, 10); // connection.start, never answered
            byte[] heartbeat = RawAmqpClient.frame(RawAmqpClient.FRAME_HEARTBEAT, 0, new byte[0]);
            boolean closed = false;
            while (!closed && System.nanoTime() - start < HANDSHAKE_DEADLINE.plusSeconds(5).toNanos()) {
                try {
                    peer.sendRaw(heartbeat); // traffic, but no handshake: it does not buy time
                    closed = peer.awaitEof(Duration.ofMillis(500));
                } catch (java.io.IOException e) {
                    closed = true; // the broker closed the socket under the write
                }
            }

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(closed).as("closed within %s of connecting", elapsed).isTrue();
            assertThat(elapsed).as("not before the deadline")
                .isGreaterThanOrEqualTo(HANDSHAKE_DEADLINE.minusMillis(500));
        }
    }
}
