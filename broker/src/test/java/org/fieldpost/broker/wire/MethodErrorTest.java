package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.wire.RawAmqpClient.CLASS_BASIC;
import static org.fieldpost.broker.wire.RawAmqpClient.CLASS_QUEUE;
import static org.fieldpost.broker.wire.WireAssertions.assertConnectionClosedWith;
import static org.fieldpost.broker.wire.WireAssertions.openWithChannel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Well-framed but invalid methods: unknown ids, undecodable arguments, wrong channel state. */
class MethodErrorTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    /** An unknown class id: 540 NOT_IMPLEMENTED (the spec also allows 503 COMMAND_INVALID; we pin 540). */
    @Test
    void unknownClassIs540() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendMethod(1, 999, 10, new byte[0]);

            assertConnectionClosedWith(client, ReplyCodes.NOT_IMPLEMENTED);
        }
    }

    @Test
    void unknownMethodOfAKnownClassIs540() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendMethod(1, CLASS_BASIC, 999, new byte[0]);

            assertConnectionClosedWith(client, ReplyCodes.NOT_IMPLEMENTED);
        }
    }

    /** Section 4.2.5.5: field types are fixed octets; an unknown one makes the frame undecodable, 502. */
    @Test
    void unknownFieldTableTypeIs502() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] entry = new RawAmqpClient.Args().shortstr("x-weird").octet('Q').longint(42).bytes();
            byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("typed-queue").octet(0).table(entry).bytes();

            client.sendMethod(1, CLASS_QUEUE, 10, args);

            RawAmqpClient.ConnectionClose close = assertConnectionClosedWith(client, ReplyCodes.SYNTAX_ERROR);
            assertThat(close.classId()).as("failing class").isEqualTo(CLASS_QUEUE);
            assertThat(close.methodId()).as("failing method").isEqualTo(10);
        }
    }

    @Test
    void methodArgumentsCutShortAre502() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] shortstrClaimingMore = {0, 0, 40, 'q'};

            client.sendMethod(1, CLASS_QUEUE, 10, shortstrClaimingMore);

            assertConnectionClosedWith(client, ReplyCodes.SYNTAX_ERROR);
        }
    }

    @Test
    void validQueueDeclareWithAKnownFieldTypeIsAccepted() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] entry = new RawAmqpClient.Args().shortstr("x-note").octet('S')
                .longstr("hello".getBytes(StandardCharsets.UTF_8)).bytes();
            byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("").octet(0).table(entry).bytes();

            client.sendMethod(1, CLASS_QUEUE, 10, args);

            client.expectMethod(1, CLASS_QUEUE, 11);
        }
    }

    /** A method on a channel that was never opened: 504 CHANNEL_ERROR, as RabbitMQ answers. */
    @Test
    void methodOnAChannelNeverOpenedIs504() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("").octet(0).table(new byte[0]).bytes();

            client.sendMethod(7, CLASS_QUEUE, 10, args);

            assertConnectionClosedWith(client, ReplyCodes.CHANNEL_ERROR);
        }
    }

    @Test
    void secondChannelOpenOnAnOpenChannelIs504() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            client.sendChannelOpen(1);

            assertConnectionClosedWith(client, ReplyCodes.CHANNEL_ERROR);
        }
    }

    /** basic.consume: a consumer tag must be unique on its channel (RabbitMQ closes with 530). */
    @Test
    void reusedConsumerTagOnAChannelIs530() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] declare = new RawAmqpClient.Args().shortint(0).shortstr("tag-reuse").octet(0)
                .table(new byte[0]).bytes();
            client.sendMethod(1, CLASS_QUEUE, 10, declare);
            client.expectMethod(1, CLASS_QUEUE, 11);
            byte[] consume = new RawAmqpClient.Args().shortint(0).shortstr("tag-reuse").shortstr("my-tag")
                .octet(0x02).table(new byte[0]).bytes();
            client.sendMethod(1, CLASS_BASIC, 20, consume);
            client.expectMethod(1, CLASS_BASIC, 21);

            client.sendMethod(1, CLASS_BASIC, 20, consume);

            assertConnectionClosedWith(client, ReplyCodes.NOT_ALLOWED);
        }
    }

    /** Section 4.2.3: channel zero carries only connection-class methods. */
    @Test
    void nonConnectionMethodOnChannelZeroIs504() throws IOException {
        try (RawAmqpClient client = openWithChannel(broker)) {
            byte[] args = new RawAmqpClient.Args().shortint(0).shortstr("").octet(0).table(new byte[0]).bytes();

            client.sendMethod(0, CLASS_QUEUE, 10, args);

            assertConnectionClosedWith(client, ReplyCodes.CHANNEL_ERROR);
        }
    }
}
