package org.fieldpost.broker.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.wire.WireAssertions.assertConnectionClosedWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * channel-max enforcement. RabbitMQ closes the connection with 530 NOT_ALLOWED ("number of channels
 * opened (N) has reached the negotiated channel_max (N)"); Fieldpost does the same, and also refuses a
 * channel number above channel-max with 530 (the spec calls channel-max "the highest channel number").
 */
class ChannelMaxWireTest {

    private static final int CHANNEL_MAX = 16;
    private static final int EXTRA_ATTEMPTS = 10_000;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.channelMax(CHANNEL_MAX));

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker);

    @Test
    void tenThousandOpensPastChannelMaxEndWithOne530() throws Exception {
        try (RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0)) {
            assertThat(client.channelMax()).as("channel-max in connection.tune").isEqualTo(CHANNEL_MAX);
            for (int channel = 1; channel <= CHANNEL_MAX; channel++) {
                client.openChannel(channel);
            }
            Thread writer = new Thread(() -> floodChannelOpens(client), "channel-open-flood");
            writer.start();

            RawAmqpClient.ConnectionClose close = assertConnectionClosedWith(client, ReplyCodes.NOT_ALLOWED);

            writer.join(Duration.ofSeconds(30).toMillis());
            assertThat(writer.isAlive()).as("flood writer finished").isFalse();
            assertThat(close.classId()).as("failing class: channel").isEqualTo(RawAmqpClient.CLASS_CHANNEL);
            assertThat(close.methodId()).as("failing method: open").isEqualTo(10);
        }
    }

    @Test
    void channelNumberAboveChannelMaxIs530() throws IOException {
        try (RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0)) {
            client.sendChannelOpen(CHANNEL_MAX + 1);

            assertConnectionClosedWith(client, ReplyCodes.NOT_ALLOWED);
        }
    }

    @Test
    void channelsUpToChannelMaxCanBeOpenedClosedAndReopened() throws IOException {
        try (RawAmqpClient client = RawAmqpClient.connect(broker.host(), broker.port()).handshake(0)) {
            for (int channel = 1; channel <= CHANNEL_MAX; channel++) {
                client.openChannel(channel);
            }
            client.sendMethod(CHANNEL_MAX, RawAmqpClient.CLASS_CHANNEL, 40,
                new RawAmqpClient.Args().shortint(200).shortstr("done").shortint(0).shortint(0).bytes());
            client.expectMethod(CHANNEL_MAX, RawAmqpClient.CLASS_CHANNEL, 41);

            client.openChannel(CHANNEL_MAX);
        }
    }

    /**
     * Sends the 10,000 extra channel.open frames in one stream. After its connection.close the broker
     * must keep reading and discarding until close-ok (section 4.2.2), so the writes normally succeed; a
     * broken pipe once the broker drops the socket is tolerated.
     */
    private static void floodChannelOpens(RawAmqpClient client) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 1; i <= EXTRA_ATTEMPTS; i++) {
            int channel = CHANNEL_MAX + 1 + (i - 1) % 1000;
            byte[] frame = RawAmqpClient.methodFrame(channel, RawAmqpClient.CLASS_CHANNEL, 10,
                new RawAmqpClient.Args().shortstr("").bytes());
            batch.writeBytes(frame);
        }
        try {
            client.sendRaw(batch.toByteArray());
        } catch (IOException e) {
            // the broker may already have closed the socket: that is an acceptable end of the flood
            return;
        }
    }
}
