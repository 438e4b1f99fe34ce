package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.fieldpost.broker.testing.BrokerExtension;

/** Shared steps of the frame-level tests. */
final class WireAssertions {

    /** How long the broker may take to drop the socket after close-ok or a fatal header. */
    static final Duration EOF_DEADLINE = Duration.ofSeconds(10);

    private WireAssertions() {
    }

    /** A raw client that has completed the handshake (heartbeats off) and opened channel 1. */
    static RawAmqpClient openWithChannel(BrokerExtension broker) throws IOException {
        RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0);
        client.openChannel(1);
        return client;
    }

    /**
     * Expects connection.close with {@code replyCode} (section 4.2.2: a hard error closes the connection),
     * answers close-ok, and expects the broker to close the socket.
     */
    static RawAmqpClient.ConnectionClose assertConnectionClosedWith(RawAmqpClient client, int replyCode)
            throws IOException {
        RawAmqpClient.ConnectionClose close = client.awaitConnectionClose();
        assertThat(close.replyCode()).as("connection.close reply-code (%s)", close.replyText()).isEqualTo(replyCode);
        client.sendConnectionCloseOk();
        assertThat(client.awaitEof(EOF_DEADLINE)).as("socket closed after close-ok").isTrue();
        return close;
    }
}
