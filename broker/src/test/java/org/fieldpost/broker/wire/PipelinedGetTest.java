package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code basic.get} on a queue whose messages are mostly paged out to Derby (a 1 MiB memory limit,
 * 3,000 persistent 1 KiB messages). A get that finds the memory part empty waits for a page-in on the
 * pager thread, not on the event loop, and its channel holds the frames that follow until the answer
 * is written: a client that pipelines its methods sees them answered in order.
 */
class PipelinedGetTest {

    private static final int COUNT = 3_000;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.memoryLimit(1024 * 1024));

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    @Test
    void getsSentInOneWriteAcrossPageInsAreAnsweredInQueueOrderThenEmptyThenCloseOk() throws Exception {
        String queue = BrokerExtension.unique("pipelined");
        try (RawAmqpClient client = openOnFilled(queue)) {
            ByteArrayOutputStream pipeline = gets(queue, COUNT + 1, true);
            pipeline.write(RawAmqpClient.methodFrame(1, RawAmqpClient.CLASS_CHANNEL, 40,
                new RawAmqpClient.Args().shortint(200).shortstr("bye").shortint(0).shortint(0).bytes()));
            client.sendRaw(pipeline.toByteArray());

            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                got.add(readGetOk(client));
            }
            client.expectMethod(1, RawAmqpClient.CLASS_BASIC, 72); // get-empty: the last get
            client.expectMethod(1, RawAmqpClient.CLASS_CHANNEL, 41);

            assertThat(got).containsExactlyElementsOf(numbers());
        }
    }

    @Test
    void anErrorInAFrameHeldBehindTheGetsClosesTheChannelAfterTheirAnswersAndTheConnectionGoesOn() throws Exception {
        String queue = BrokerExtension.unique("held-error");
        try (RawAmqpClient client = openOnFilled(queue)) {
            ByteArrayOutputStream pipeline = gets(queue, COUNT, true);
            pipeline.write(RawAmqpClient.methodFrame(1, RawAmqpClient.CLASS_BASIC, 80, // basic.ack, unknown tag
                new RawAmqpClient.Args().longlong(999_999).octet(0).bytes()));
            pipeline.write(gets(queue, 1, true).toByteArray()); // discarded: the channel is closing by then
            client.sendRaw(pipeline.toByteArray());

            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                got.add(readGetOk(client));
            }
            RawAmqpClient.Frame close = client.expectMethod(1, RawAmqpClient.CLASS_CHANNEL, 40);
            assertThat(close.arguments().readUnsignedShort()).as("406 PRECONDITION_FAILED").isEqualTo(406);
            client.sendMethod(1, RawAmqpClient.CLASS_CHANNEL, 41, new byte[0]);
            assertThat(got).containsExactlyElementsOf(numbers());

            client.openChannel(2);
            client.sendMethod(2, RawAmqpClient.CLASS_BASIC, 70,
                new RawAmqpClient.Args().shortint(0).shortstr(queue).octet(1).bytes());
            client.expectMethod(2, RawAmqpClient.CLASS_BASIC, 72); // empty: every message was delivered once
        }
    }

    @Test
    void aConnectionDroppedWithGetsStillWaitingForThePagerLosesNoMessage() throws Exception {
        String queue = BrokerExtension.unique("dropped");
        try (RawAmqpClient client = openOnFilled(queue)) {
            client.sendRaw(gets(queue, COUNT, false).toByteArray());
            readGetOk(client); // the gets are being answered
            client.abort();
        }

        try (Connection connection = broker.openConnection()) {
            Channel ch = connection.createChannel();
            await().atMost(DEADLINE).until(() -> ch.queueDeclarePassive(queue).getMessageCount() == COUNT);
            List<Integer> drained = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                GetResponse got = ch.basicGet(queue, true);
                assertThat(got).as("get %d of %d, while redeliveries are being counted", i + 1, COUNT).isNotNull();
                drained.add(number(got.getBody()));
            }
            assertThat(drained).containsExactlyInAnyOrderElementsOf(numbers());
            assertThat(ch.basicGet(queue, true)).isNull();
        }
    }

    /** Fills {@code queue} with {@link #COUNT} messages, most paged out; a raw client with channel 1 open. */
    private static RawAmqpClient openOnFilled(String queue) throws Exception {
        fill(queue);
        RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0);
        client.openChannel(1);
        return client;
    }

    private static void fill(String queue) throws Exception {
        try (Connection connection = broker.openConnection()) {
            Channel ch = connection.createChannel();
            ch.queueDeclare(queue, true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < COUNT; i++) {
                byte[] body = new byte[1024];
                byte[] label = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(label, 0, body, 0, label.length);
                ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
            }
            ch.waitForConfirmsOrDie(DEADLINE.toMillis());
        }
    }

    /** {@code count} basic.get frames on channel 1, to be sent in one write. */
    private static ByteArrayOutputStream gets(String queue, int count, boolean noAck) throws IOException {
        byte[] get = RawAmqpClient.methodFrame(1, RawAmqpClient.CLASS_BASIC, 70,
            new RawAmqpClient.Args().shortint(0).shortstr(queue).octet(noAck ? 1 : 0).bytes());
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            pipeline.write(get);
        }
        return pipeline;
    }

    /** Reads get-ok, its content header and its one body frame; returns the message's number. */
    private static int readGetOk(RawAmqpClient client) throws IOException {
        client.expectMethod(1, RawAmqpClient.CLASS_BASIC, 71);
        RawAmqpClient.Frame header = client.readFrame();
        assertThat(header.type()).isEqualTo(RawAmqpClient.FRAME_HEADER);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(header.payload()));
        in.skipBytes(4);
        assertThat(in.readLong()).as("body size").isEqualTo(1024);
        RawAmqpClient.Frame body = client.readFrame();
        assertThat(body.type()).isEqualTo(RawAmqpClient.FRAME_BODY);
        return number(body.payload());
    }

    private static int number(byte[] body) {
        int end = 0;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return Integer.parseInt(new String(body, 0, end, StandardCharsets.US_ASCII));
    }

    private static List<Integer> numbers() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            all.add(i);
        }
        return all;
    }
}
