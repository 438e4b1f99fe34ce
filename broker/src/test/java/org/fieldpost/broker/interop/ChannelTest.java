package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channel lifecycle, channel.flow and channel-max negotiation. */
class ChannelTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    /**
     * channel.flow from the client (section 1.5.2.3): active=false asks the broker to stop sending
     * content on the channel, active=true resumes. Fieldpost implements it as specified (RabbitMQ
     * refuses active=false from clients); the JMS provider relies on it for Connection.stop().
     */
    @Test
    void flowPausesAndResumesDeliveries() throws Exception {
        Connection connection = broker.openConnection();
        Channel publisher = connection.createChannel();
        publisher.confirmSelect();
        String queue = publisher.queueDeclare().getQueue();
        Channel channel = connection.createChannel();
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, true, consumer);

        Command paused = channel.rpc(new AMQP.Channel.Flow.Builder().active(false).build());
        publishConfirmed(publisher, "", queue, "held back");

        assertThat(((AMQP.Channel.FlowOk) paused.getMethod()).getActive()).isFalse();
        consumer.assertNoDeliveryWithin(QUIET);
        Command resumed = channel.rpc(new AMQP.Channel.Flow.Builder().active(true).build());
        assertThat(((AMQP.Channel.FlowOk) resumed.getMethod()).getActive()).isTrue();
        assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("held back");
    }

    /** A paused channel's consumer is skipped, so the queue's messages go to the other consumers. */
    @Test
    void pausedConsumerLeavesTheQueuesMessagesToOthers() throws Exception {
        Connection connection = broker.openConnection();
        Channel publisher = connection.createChannel();
        publisher.confirmSelect();
        String queue = publisher.queueDeclare().getQueue();
        Channel pausedChannel = connection.createChannel();
        pausedChannel.rpc(new AMQP.Channel.Flow.Builder().active(false).build());
        CollectingConsumer paused = new CollectingConsumer(pausedChannel);
        pausedChannel.basicConsume(queue, false, paused);
        Channel activeChannel = connection.createChannel();
        CollectingConsumer active = new CollectingConsumer(activeChannel);
        activeChannel.basicConsume(queue, true, active);

        for (int i = 0; i < 10; i++) {
            publishConfirmed(publisher, "", queue, "m" + i);
        }

        assertThat(active.nextBodies(10)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        paused.assertNoDeliveryWithin(QUIET);
    }

    /** A browser ({@code x-browse}) takes no message: it runs on a paused channel too. */
    @Test
    void browserRunsOnAPausedChannel() throws Exception {
        Connection connection = broker.openConnection();
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        String queue = channel.queueDeclare().getQueue();
        publishConfirmed(channel, "", queue, "seen");
        channel.rpc(new AMQP.Channel.Flow.Builder().active(false).build());
        CollectingConsumer browser = new CollectingConsumer(channel);

        channel.basicConsume(queue, true, Map.of("x-browse", true), browser);

        assertThat(browser.nextBodies(1)).containsExactly("seen");
        assertThat(browser.awaitCancelledByBroker()).as("the end of the browse").isTrue();
    }

    @Test
    void manyChannelsCanBeOpenedUsedAndClosed() throws Exception {
        Connection connection = broker.openConnection();
        String queue = connection.createChannel().queueDeclare().getQueue();
        List<Channel> channels = new ArrayList<>();

        for (int i = 0; i < 500; i++) {
            Channel channel = connection.createChannel();
            channel.basicPublish("", queue, null, Messages.utf8("from channel " + channel.getChannelNumber()));
            channels.add(channel);
        }
        for (Channel channel : channels) {
            channel.close();
        }
        Channel reopened = connection.createChannel(channels.get(0).getChannelNumber());

        assertThat(reopened).as("a closed channel number can be reused").isNotNull();
        Messages.awaitMessageCount(reopened, queue, 500);
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void closingAChannelCancelsItsConsumers() throws Exception {
        Connection connection = broker.openConnection();
        Channel admin = connection.createChannel();
        String queue = admin.queueDeclare("", false, true, false, null).getQueue();
        Channel channel = connection.createChannel();
        channel.basicConsume(queue, true, new CollectingConsumer(channel));
        channel.basicConsume(queue, true, new CollectingConsumer(channel));

        channel.close();

        assertThat(admin.queueDeclarePassive(queue).getConsumerCount()).isZero();
    }

    @Test
    void channelErrorOnOneChannelLeavesTheOthersWorking() throws Exception {
        Connection connection = broker.openConnection();
        Channel victim = connection.createChannel();
        Channel bystander = connection.createChannel();
        bystander.confirmSelect();
        String queue = bystander.queueDeclare().getQueue();

        ProtocolErrors.assertChannelError(victim, ReplyCodes.NOT_FOUND,
            () -> victim.queueDeclarePassive("no-such-queue"));
        publishConfirmed(bystander, "", queue, "unaffected");

        assertThat(Messages.drain(bystander, queue)).containsExactly("unaffected");
    }

    /** The broker's channel-max is an upper bound; the client's lower request wins. */
    @Nested
    class NegotiatedChannelMax {

        @RegisterExtension
        BrokerExtension small = new BrokerExtension(b -> b.channelMax(16));

        @Test
        void clientAskingForMoreGetsTheServersMaximum() throws Exception {
            ConnectionFactory factory = small.connectionFactory();
            factory.setRequestedChannelMax(1000);

            Connection connection = small.track(factory.newConnection());

            assertThat(connection.getChannelMax()).isEqualTo(16);
        }

        @Test
        void clientAskingForUnlimitedGetsTheServersMaximum() throws Exception {
            ConnectionFactory factory = small.connectionFactory();
            factory.setRequestedChannelMax(0);

            Connection connection = small.track(factory.newConnection());

            assertThat(connection.getChannelMax()).isEqualTo(16);
        }

        @Test
        void clientAskingForLessGetsWhatItAsked() throws Exception {
            ConnectionFactory factory = small.connectionFactory();
            factory.setRequestedChannelMax(8);

            Connection connection = small.track(factory.newConnection());

            assertThat(connection.getChannelMax()).isEqualTo(8);
        }

        @Test
        void allNegotiatedChannelsAreUsable() throws Exception {
            Connection connection = small.openConnection();
            List<Channel> channels = new ArrayList<>();

            for (int i = 0; i < 16; i++) {
                channels.add(connection.createChannel());
            }

            assertThat(channels).doesNotContainNull().allSatisfy(c -> assertThat(c.isOpen()).isTrue());
            assertThat(channels.get(15).queueDeclare().getQueue()).isNotBlank();
        }
    }
}
