package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser's window ({@code x-browse-credit}) and {@code basic.credit}, on the wire: the broker sends
 * at most the window's copies, however fast the client reads, and more only as the client grants
 * them. Each check that nothing more came is a {@code basic.qos} round trip: the broker pumps a
 * browser within the method that allows it, so a copy it may send precedes the next reply.
 */
class BrowseCreditTest {

    private static final int COUNT = 100;
    private static final int BASIC_CREDIT = 200;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    @Test
    void aBrowserGetsItsWindowAndMoreOnlyAsItGrantsMoreThenTheCancel() throws Exception {
        String queue = filled("credit");
        try (RawAmqpClient client = open()) {
            consume(client, queue, Map.of("x-browse-credit", 10));
            List<Integer> copies = new ArrayList<>(readCopies(client, 10));
            assertNothingMoreComes(client);

            grant(client, "b", 5);
            copies.addAll(readCopies(client, 5));
            assertNothingMoreComes(client);

            grant(client, "b", 1_000);
            copies.addAll(readCopies(client, COUNT - 15));
            client.expectMethod(1, RawAmqpClient.CLASS_BASIC, 30); // the broker's cancel: the end
            assertThat(copies).containsExactlyElementsOf(range(0, COUNT));
        }
        try (Connection connection = broker.openConnection()) {
            assertThat(connection.createChannel().queueDeclarePassive(queue).getMessageCount())
                .as("browsing took nothing").isEqualTo(COUNT);
        }
    }

    @Test
    void copiesTheSelectorSkipsTakeNoCredit() throws Exception {
        String queue = filled("credit-selector");
        try (RawAmqpClient client = open()) {
            consume(client, queue, Map.of("x-browse-credit", 10, "x-selector", "n >= 50"));
            assertThat(readCopies(client, 10)).containsExactlyElementsOf(range(50, 60));
            assertNothingMoreComes(client);
        }
    }

    @Test
    void aGrantForATagThatIsNoBrowserIsIgnored() throws Exception {
        String queue = filled("credit-ended");
        try (RawAmqpClient client = open()) {
            grant(client, "nobody", 5);
            consume(client, queue, Map.of()); // no window: every copy at once, then the cancel
            assertThat(readCopies(client, COUNT)).containsExactlyElementsOf(range(0, COUNT));
            client.expectMethod(1, RawAmqpClient.CLASS_BASIC, 30);
            grant(client, "b", 5); // the browse has ended: a grant crossing the cancel is harmless
            assertNothingMoreComes(client);
        }
    }

    @Test
    void aWindowThatIsNoPositiveIntegerIsRefusedWith406() throws Exception {
        String queue = filled("credit-bad");
        for (Object bad : List.of(0, -5, 2.5, "10")) {
            try (RawAmqpClient client = open()) {
                RawAmqpClient.Frame close = sendConsume(client, queue, Map.of("x-browse-credit", bad));
                assertThat(close.isMethod(RawAmqpClient.CLASS_CHANNEL, 40)).as("%s: %s", bad, close).isTrue();
                assertThat(close.arguments().readUnsignedShort()).as("%s", bad).isEqualTo(406);
            }
        }
    }

    private static String filled(String prefix) throws Exception {
        String queue = BrokerExtension.unique(prefix);
        try (Connection connection = broker.openConnection()) {
            Channel ch = connection.createChannel();
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < COUNT; i++) {
                ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().headers(Map.of("n", i)).build(),
                    Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            }
            ch.queueDeclarePassive(queue); // a round trip: every publish is in the queue
        }
        return queue;
    }

    private static RawAmqpClient open() throws IOException {
        RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0);
        client.openChannel(1);
        return client;
    }

    /** basic.consume of browser "b" with no-ack and {@code x-browse} plus {@code arguments}; consume-ok. */
    private static void consume(RawAmqpClient client, String queue, Map<String, Object> arguments)
        throws IOException {
        RawAmqpClient.Frame reply = sendConsume(client, queue, arguments);
        assertThat(reply.isMethod(RawAmqpClient.CLASS_BASIC, 21)).as("consume-ok, not %s", reply).isTrue();
    }

    /** As {@link #consume}; returns the reply. */
    private static RawAmqpClient.Frame sendConsume(RawAmqpClient client, String queue, Map<String, Object> arguments)
        throws IOException {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(table);
        entry(out, "x-browse", 't');
        out.writeByte(1);
        for (Map.Entry<String, Object> e : arguments.entrySet()) {
            if (e.getValue() instanceof Integer i) {
                entry(out, e.getKey(), 'I');
                out.writeInt(i);
            } else if (e.getValue() instanceof Double d) {
                entry(out, e.getKey(), 'd');
                out.writeDouble(d);
            } else {
                byte[] text = e.getValue().toString().getBytes(StandardCharsets.UTF_8);
                entry(out, e.getKey(), 'S');
                out.writeInt(text.length);
                out.write(text);
            }
        }
        client.sendMethod(1, RawAmqpClient.CLASS_BASIC, 20, new RawAmqpClient.Args().shortint(0).shortstr(queue)
            .shortstr("b").octet(0b0010).table(table.toByteArray()).bytes()); // no-ack
        return client.readFrame();
    }

    private static void entry(DataOutputStream out, String name, char type) throws IOException {
        out.writeByte(name.length());
        out.writeBytes(name);
        out.writeByte(type);
    }

    private static void grant(RawAmqpClient client, String tag, long credit) throws IOException {
        client.sendMethod(1, RawAmqpClient.CLASS_BASIC, BASIC_CREDIT,
            new RawAmqpClient.Args().shortstr(tag).longint((int) credit).bytes());
    }

    /** Reads {@code count} deliveries (method, header, one body frame); returns their numbers. */
    private static List<Integer> readCopies(RawAmqpClient client, int count) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            client.expectMethod(1, RawAmqpClient.CLASS_BASIC, 60);
            assertThat(client.readFrame().type()).isEqualTo(RawAmqpClient.FRAME_HEADER);
            RawAmqpClient.Frame body = client.readFrame();
            assertThat(body.type()).isEqualTo(RawAmqpClient.FRAME_BODY);
            numbers.add(Integer.parseInt(new String(body.payload(), StandardCharsets.US_ASCII)));
        }
        return numbers;
    }

    /** A basic.qos round trip; its reply must be the next frame. */
    private static void assertNothingMoreComes(RawAmqpClient client) throws IOException {
        client.sendMethod(1, RawAmqpClient.CLASS_BASIC, 10, new RawAmqpClient.Args().longint(0).shortint(0)
            .octet(0).bytes());
        RawAmqpClient.Frame next = client.readFrame();
        assertThat(next.isMethod(RawAmqpClient.CLASS_BASIC, 11)).as("qos-ok, not %s", next).isTrue();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i < to; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
