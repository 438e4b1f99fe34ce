package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol header and truncated input (AMQP 0-9-1 section 4.2.2): a server that does not accept the
 * header writes its own supported header, "AMQP\0\0\9\1", and closes the socket; a peer that vanishes
 * mid-frame is cleaned up without disturbing other connections.
 */
class ProtocolHeaderTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AMQP-0-9-0", "AMQP-0-10", "AMQP-1-0", "HTTP", "garbage"})
    void unsupportedHeaderIsAnsweredWithOurHeaderThenClose(String kind) throws IOException {
        byte[] header = headerFor(kind);
        try (Socket socket = new Socket(broker.host(), broker.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(header);
            socket.getOutputStream().flush();

            byte[] answer = new byte[8];
            new DataInputStream(socket.getInputStream()).readFully(answer);

            assertThat(answer).isEqualTo(RawAmqpClient.PROTOCOL_HEADER);
            assertThat(socket.getInputStream().read()).as("then EOF").isEqualTo(-1);
        }
    }

    @Test
    void truncatedProtocolHeaderThenEofIsCleanedUp() throws IOException {
        try (RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port())) {
            client.sendRaw(new byte[] {'A', 'M', 'Q'});
            client.shutdownOutput();

            assertThat(client.awaitEof(WireAssertions.EOF_DEADLINE)).isTrue();
        }
    }

    @Test
    void eofInTheMiddleOfTheHandshakeIsCleanedUp() throws IOException {
        try (RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port())) {
            client.sendRaw(RawAmqpClient.PROTOCOL_HEADER);
            client.expectMethod(0, RawAmqpClient.CLASS_CONNECTION, 10);
            client.shutdownOutput();

            assertThat(client.awaitEof(WireAssertions.EOF_DEADLINE)).isTrue();
        }
    }

    @Test
    void truncatedFrameHeaderThenEofIsCleanedUp() throws IOException {
        try (RawAmqpClient client = WireAssertions.openWithChannel(broker)) {
            byte[] frame = RawAmqpClient.methodFrame(1, RawAmqpClient.CLASS_QUEUE, 10, new byte[] {0, 0, 0, 0});
            client.sendRaw(Arrays.copyOf(frame, 5));
            client.shutdownOutput();

            assertThat(client.awaitEof(WireAssertions.EOF_DEADLINE)).isTrue();
        }
    }

    @Test
    void truncatedFramePayloadThenEofIsCleanedUp() throws IOException {
        try (RawAmqpClient client = WireAssertions.openWithChannel(broker)) {
            byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("half-declared").octet(0)
                .table(new byte[0]).bytes();
            byte[] frame = RawAmqpClient.methodFrame(1, RawAmqpClient.CLASS_QUEUE, 10, args);
            client.sendRaw(Arrays.copyOf(frame, frame.length - 6));
            client.shutdownOutput();

            assertThat(client.awaitEof(WireAssertions.EOF_DEADLINE)).isTrue();
        }
    }

    @Test
    void abruptResetWithOpenChannelsIsCleanedUp() throws IOException {
        RawAmqpClient client = WireAssertions.openWithChannel(broker);
        client.openChannel(2);

        client.abort();

        assertThat(healthy.connection().isOpen()).isTrue();
    }

    private static byte[] headerFor(String kind) {
        switch (kind) {
            case "AMQP-0-9-0":
                return new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 0};
            case "AMQP-0-10":
                return new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 10};
            case "AMQP-1-0":
                return new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
            case "HTTP":
                return "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            default:
                return new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        }
    }
}
