package org.fieldpost.broker.wire;

import static org.fieldpost.broker.wire.RawAmqpClient.CLASS_BASIC;
import static org.fieldpost.broker.wire.RawAmqpClient.FRAME_BODY;
import static org.fieldpost.broker.wire.RawAmqpClient.FRAME_HEADER;
import static org.fieldpost.broker.wire.RawAmqpClient.FRAME_HEARTBEAT;
import static org.fieldpost.broker.wire.RawAmqpClient.FRAME_METHOD;
import static org.fieldpost.broker.wire.WireAssertions.assertConnectionClosedWith;
import static org.fieldpost.broker.wire.WireAssertions.openWithChannel;

import java.io.IOException;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed frames (AMQP 0-9-1 section 4.2.3 and 4.2.6): each is a hard error answered with
 * connection.close and the reply code RabbitMQ uses.
 */
class FrameErrorTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    /**
     * Section 4.2.3: a frame larger than the negotiated frame-max is a frame error. Only the 7-byte frame
     * header is sent: the broker must judge the size from the header, not wait for a payload it will reject.
     */
    @Test
    void frameLargerThanFrameMaxIs501() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] header = new RawAmqpClient.Args().octet(FRAME_METHOD).shortint(1).longint(client.frameMax())
                .bytes();

            client.sendRaw(header);

            assertConnectionClosedWith(client, ReplyCodes.FRAME_ERROR);
        }
    }

    /** Section 4.2.3: "If the frame-end octet is not 0xCE, the receiver MUST treat it as a frame error." */
    @Test
    void wrongFrameEndOctetIs501() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] frame = RawAmqpClient.methodFrame(1, CLASS_BASIC, 10,
                new RawAmqpClient.Args().longint(0).shortint(10).octet(0).bytes());
            frame[frame.length - 1] = (byte) 0xCD;

            client.sendRaw(frame);

            assertConnectionClosedWith(client, ReplyCodes.FRAME_ERROR);
        }
    }

    /** Section 4.2.7: heartbeat frames must use channel zero; RabbitMQ treats others as a frame error. */
    @Test
    void heartbeatOnANonZeroChannelIs501() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(RawAmqpClient.frame(FRAME_HEARTBEAT, 1, new byte[0]));

            assertConnectionClosedWith(client, ReplyCodes.FRAME_ERROR);
        }
    }

    @Test
    void unknownFrameTypeIs501() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(RawAmqpClient.frame(9, 1, new byte[] {1, 2, 3}));

            assertConnectionClosedWith(client, ReplyCodes.FRAME_ERROR);
        }
    }

    /** Section 4.2.6: a content header must follow a content-bearing method; alone it is unexpected. */
    @Test
    void contentHeaderWithoutAMethodIs505() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(RawAmqpClient.frame(FRAME_HEADER, 1, RawAmqpClient.basicContentHeader(3)));

            assertConnectionClosedWith(client, ReplyCodes.UNEXPECTED_FRAME);
        }
    }

    @Test
    void bodyFrameWithoutAContentHeaderIs505() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(publishMethod());
            client.sendRaw(RawAmqpClient.frame(FRAME_BODY, 1, new byte[] {1, 2, 3}));

            assertConnectionClosedWith(client, ReplyCodes.UNEXPECTED_FRAME);
        }
    }

    @Test
    void methodWhileContentIsExpectedIs505() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(publishMethod());
            client.sendRaw(RawAmqpClient.frame(FRAME_HEADER, 1, RawAmqpClient.basicContentHeader(10)));
            client.sendRaw(publishMethod());

            assertConnectionClosedWith(client, ReplyCodes.UNEXPECTED_FRAME);
        }
    }

    /**
     * A body frame that carries more bytes than the content header declared. The spec names no code;
     * Fieldpost treats it as a malformed frame, 501 FRAME_ERROR, detected on that body frame itself
     * (RabbitMQ only notices at the next frame and answers 505).
     */
    @Test
    void bodyLongerThanDeclaredIs501() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(publishMethod());
            client.sendRaw(RawAmqpClient.frame(FRAME_HEADER, 1, RawAmqpClient.basicContentHeader(4)));
            client.sendRaw(RawAmqpClient.frame(FRAME_BODY, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));

            assertConnectionClosedWith(client, ReplyCodes.FRAME_ERROR);
        }
    }

    @Test
    void wellFormedPublishIsAccepted() throws Exception {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendRaw(publishMethod());
            client.sendRaw(RawAmqpClient.frame(FRAME_HEADER, 1, RawAmqpClient.basicContentHeader(4)));
            client.sendRaw(RawAmqpClient.frame(FRAME_BODY, 1, new byte[] {1, 2, 3, 4}));
            client.sendMethod(1, RawAmqpClient.CLASS_CHANNEL, 40,
                new RawAmqpClient.Args().shortint(200).shortstr("bye").shortint(0).shortint(0).bytes());

            client.expectMethod(1, RawAmqpClient.CLASS_CHANNEL, 41);
        }
    }

    /** basic.publish on channel 1 to the default exchange, routing key "nowhere", no flags. */
    private static byte[] publishMethod() {
        byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("").shortstr("nowhere").octet(0).bytes();
        return RawAmqpClient.methodFrame(1, CLASS_BASIC, 40, args);
    }
}
