package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.time.Duration;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.Probes;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** queue.declare/purge/delete and the lifecycles of durable, exclusive and auto-delete queues. */
class QueueDeclareTest {

    private static final Duration LIFECYCLE_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Channel channel;
    private String name;

    @BeforeEach
    void openChannel() throws Exception {
        connection = broker.openConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
        name = BrokerExtension.unique("queue");
    }

    @Test
    void serverNamedQueuesAreUniqueAndPrefixedAmqGen() throws Exception {
        String first = channel.queueDeclare().getQueue();
        String second = channel.queueDeclare("", false, true, true, null).getQueue();

        assertThat(first).startsWith("amq.gen-");
        assertThat(second).startsWith("amq.gen-").isNotEqualTo(first);
    }

    @Test
    void declareOkCountsReadyMessagesAndConsumers() throws Exception {
        channel.queueDeclare(name, false, false, false, null);
        for (int i = 0; i < 3; i++) {
            publishConfirmed(channel, "", name, "m" + i);
        }
        String consumed = channel.queueDeclare().getQueue();
        Channel consumers = connection.createChannel();
        consumers.basicConsume(consumed, false, new CollectingConsumer(consumers));
        consumers.basicConsume(consumed, false, new CollectingConsumer(consumers));

        AMQP.Queue.DeclareOk counted = channel.queueDeclare(name, false, false, false, null);
        AMQP.Queue.DeclareOk passive = channel.queueDeclarePassive(consumed);

        assertThat(counted.getMessageCount()).isEqualTo(3);
        assertThat(counted.getConsumerCount()).isZero();
        assertThat(passive.getMessageCount()).isZero();
        assertThat(passive.getConsumerCount()).isEqualTo(2);
    }

    @Test
    void passiveDeclareOfMissingQueueClosesTheChannelWith404() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND, () -> channel.queueDeclarePassive(name));
    }

    @Test
    void declaringAnAmqPrefixedNameIsRefusedWith403() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.ACCESS_REFUSED,
            () -> channel.queueDeclare("amq." + name, false, false, false, null));
    }

    @Test
    void redeclaringWithOtherDurabilityIsRefusedWith406() throws Exception {
        channel.queueDeclare(name, false, false, false, null);

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDeclare(name, true, false, false, null));
    }

    @Test
    void redeclaringWithOtherArgumentsIsRefusedWith406() throws Exception {
        channel.queueDeclare(name, false, false, false, Map.of("x-message-ttl", 1000));

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDeclare(name, false, false, false, Map.of("x-message-ttl", 2000)));
    }

    @Test
    void durableQueueAndPersistentMessagesSurviveARestartButTransientOnesDoNot() throws Exception {
        String transientQueue = BrokerExtension.unique("transient");
        channel.queueDeclare(name, true, false, false, null);
        channel.queueDeclare(transientQueue, false, false, false, null);
        channel.basicPublish("", name, MessageProperties.PERSISTENT_TEXT_PLAIN, Messages.utf8("kept"));
        channel.basicPublish("", name, MessageProperties.TEXT_PLAIN, Messages.utf8("lost"));
        channel.waitForConfirmsOrDie(10_000);

        broker.restart();

        Connection reopened = broker.openConnection();
        Channel after = reopened.createChannel();
        assertThat(Probes.queueExists(reopened, name)).isTrue();
        assertThat(Probes.queueExists(reopened, transientQueue)).isFalse();
        assertThat(Messages.drain(after, name)).containsExactly("kept");
    }

    @Test
    void exclusiveQueueIsLockedToItsConnection() throws Exception {
        channel.queueDeclare(name, false, true, false, null);
        Channel other = broker.openConnection().createChannel();

        ProtocolErrors.assertChannelError(other, ReplyCodes.RESOURCE_LOCKED,
            () -> other.basicConsume(name, true, new CollectingConsumer(other)));
        Channel getter = broker.openConnection().createChannel();
        ProtocolErrors.assertChannelError(getter, ReplyCodes.RESOURCE_LOCKED, () -> getter.basicGet(name, true));
        Channel declarer = broker.openConnection().createChannel();
        ProtocolErrors.assertChannelError(declarer, ReplyCodes.RESOURCE_LOCKED,
            () -> declarer.queueDeclare(name, false, true, false, null));

        assertThat(channel.queueDeclarePassive(name)).as("the owner still uses it").isNotNull();
    }

    @Test
    void exclusiveQueueIsUsableFromAnotherChannelOfTheSameConnection() throws Exception {
        channel.queueDeclare(name, false, true, false, null);
        Channel sibling = connection.createChannel();

        publishConfirmed(channel, "", name, "shared within the connection");

        assertThat(Messages.awaitGet(sibling, name).getBody()).asString().isEqualTo("shared within the connection");
    }

    @Test
    void exclusiveQueueIsDeletedWhenItsConnectionCloses() throws Exception {
        Connection owner = broker.openConnection();
        owner.createChannel().queueDeclare(name, false, true, false, null);
        Connection observer = broker.openConnection();
        assertThat(Probes.queueExists(observer, name)).isTrue();

        owner.close();

        await().atMost(LIFECYCLE_DEADLINE).until(() -> !Probes.queueExists(observer, name));
    }

    @Test
    void autoDeleteQueueIsDeletedWhenItsLastConsumerCancels() throws Exception {
        channel.queueDeclare(name, false, false, true, null);
        Channel consumers = connection.createChannel();
        String first = consumers.basicConsume(name, true, new CollectingConsumer(consumers));
        String second = consumers.basicConsume(name, true, new CollectingConsumer(consumers));

        consumers.basicCancel(first);
        assertThat(Probes.queueExists(connection, name)).as("one consumer left").isTrue();
        consumers.basicCancel(second);

        await().atMost(LIFECYCLE_DEADLINE).until(() -> !Probes.queueExists(connection, name));
    }

    @Test
    void autoDeleteQueueWithoutConsumersEverStays() throws Exception {
        channel.queueDeclare(name, false, false, true, null);

        assertThat(Probes.queueExists(connection, name)).isTrue();
    }

    @Test
    void purgeReturnsTheNumberOfReadyMessagesRemoved() throws Exception {
        channel.queueDeclare(name, false, false, false, null);
        for (int i = 0; i < 5; i++) {
            publishConfirmed(channel, "", name, "m" + i);
        }
        Channel holder = connection.createChannel();
        GetResponse unacked = holder.basicGet(name, false);

        assertThat(unacked).isNotNull();
        assertThat(channel.queuePurge(name).getMessageCount()).as("unacked messages are not purged").isEqualTo(4);
        assertThat(channel.queuePurge(name).getMessageCount()).isZero();
        assertThat(channel.queueDeclarePassive(name).getMessageCount()).isZero();
    }

    @Test
    void deleteIfUnusedWithAConsumerIsRefusedWith406() throws Exception {
        channel.queueDeclare(name, false, false, false, null);
        Channel consumerChannel = connection.createChannel();
        consumerChannel.basicConsume(name, true, new CollectingConsumer(consumerChannel));

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDelete(name, true, false));
        assertThat(Probes.queueExists(connection, name)).isTrue();
    }

    @Test
    void deleteIfEmptyWithMessagesIsRefusedWith406() throws Exception {
        channel.queueDeclare(name, false, false, false, null);
        publishConfirmed(channel, "", name, "not empty");

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDelete(name, false, true));
        assertThat(Probes.queueExists(connection, name)).isTrue();
    }

    @Test
    void deleteReturnsTheMessageCountAndCancelsNothingWhenUnused() throws Exception {
        channel.queueDeclare(name, false, false, false, null);
        publishConfirmed(channel, "", name, "a");
        publishConfirmed(channel, "", name, "b");

        AMQP.Queue.DeleteOk deleted = channel.queueDelete(name, true, false);

        assertThat(deleted.getMessageCount()).isEqualTo(2);
        assertThat(Probes.queueExists(connection, name)).isFalse();
    }
}
