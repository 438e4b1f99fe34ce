package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Probes;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** exchange.declare and exchange.delete (section 1.6 of the 0-9-1 reference), with RabbitMQ's reply codes. */
class ExchangeDeclareTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Channel channel;
    private String name;

    @BeforeEach
    void openChannel() throws Exception {
        connection = broker.openConnection();
        channel = connection.createChannel();
        name = BrokerExtension.unique("exchange");
    }

    @Test
    void redeclaringWithTheSamePropertiesIsIdempotent() throws Exception {
        channel.exchangeDeclare(name, "topic", true);
        channel.exchangeDeclare(name, "topic", true);

        assertThat(channel.exchangeDeclarePassive(name)).isNotNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void passiveDeclareOfMissingExchangeClosesTheChannelWith404() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND, () -> channel.exchangeDeclarePassive(name));

        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.createChannel().exchangeDeclarePassive("amq.direct")).isNotNull();
    }

    @Test
    void redeclaringWithAnotherTypeIsRefusedWith406() throws Exception {
        channel.exchangeDeclare(name, "direct");

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.exchangeDeclare(name, "fanout"));
    }

    @Test
    void redeclaringWithAnotherDurabilityIsRefusedWith406() throws Exception {
        channel.exchangeDeclare(name, "direct", false);

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.exchangeDeclare(name, "direct", true));
    }

    @Test
    void declaringANewAmqNameIsRefusedWith403() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.ACCESS_REFUSED,
            () -> channel.exchangeDeclare("amq." + name, "direct"));
    }

    @Test
    void predeclaredAmqExchangesAnswerPassiveDeclare() throws Exception {
        for (String predeclared : new String[] {"amq.direct", "amq.fanout", "amq.topic", "amq.match"}) {
            assertThat(channel.exchangeDeclarePassive(predeclared)).as(predeclared).isNotNull();
        }
    }

    @Test
    void unknownExchangeTypeIsACommandInvalidConnectionError() {
        Throwable thrown = catchThrowable(() -> channel.exchangeDeclare(name, "no-such-type"));

        assertThat(ProtocolErrors.replyCode(thrown)).isEqualTo(ReplyCodes.COMMAND_INVALID);
        ProtocolErrors.awaitConnectionClosed(connection, ReplyCodes.COMMAND_INVALID);
    }

    @Test
    void publishingToAnInternalExchangeIsRefusedWith403() throws Exception {
        channel.exchangeDeclare(name, "fanout", false, false, true, null);

        channel.basicPublish(name, "", null, new byte[] {1});

        ProtocolErrors.awaitChannelClosed(channel, ReplyCodes.ACCESS_REFUSED);
    }

    @Test
    void internalExchangeStillRoutesWhatReachesItThroughABinding() throws Exception {
        channel.confirmSelect();
        String front = BrokerExtension.unique("front");
        channel.exchangeDeclare(front, "fanout");
        channel.exchangeDeclare(name, "fanout", false, false, true, null);
        channel.exchangeBind(name, front, "");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, name, "");

        publishConfirmed(channel, front, "", "via the front door");

        assertThat(drain(channel, queue)).containsExactly("via the front door");
    }

    @Test
    void deleteIfUnusedWithBindingsIsRefusedWith406() throws Exception {
        channel.exchangeDeclare(name, "direct");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, name, "k");

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.exchangeDelete(name, true));

        Channel again = connection.createChannel();
        assertThat(again.exchangeDeclarePassive(name)).as("still there").isNotNull();
    }

    @Test
    void deleteIfUnusedWithoutBindingsDeletes() throws Exception {
        channel.exchangeDeclare(name, "direct");

        channel.exchangeDelete(name, true);

        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND, () -> channel.exchangeDeclarePassive(name));
    }

    @Test
    void deleteRemovesTheBindings() throws Exception {
        channel.exchangeDeclare(name, "direct");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, name, "k");

        channel.exchangeDelete(name);
        channel.exchangeDeclare(name, "direct");
        channel.confirmSelect();
        publishConfirmed(channel, name, "k", "the old binding is gone");

        assertThat(drain(channel, queue)).isEmpty();
    }

    @Test
    void autoDeleteExchangeGoesWhenItsLastBindingGoes() throws Exception {
        channel.exchangeDeclare(name, "direct", false, true, null);
        String first = channel.queueDeclare().getQueue();
        String second = channel.queueDeclare().getQueue();
        channel.queueBind(first, name, "a");
        channel.queueBind(second, name, "b");

        channel.queueUnbind(first, name, "a");
        assertThat(channel.exchangeDeclarePassive(name)).as("one binding left").isNotNull();
        channel.queueDelete(second);

        awaitExchangeGone(name);
    }

    @Test
    void autoDeleteExchangeThatNeverHadBindingsStays() throws Exception {
        channel.exchangeDeclare(name, "fanout", false, true, null);

        assertThat(channel.exchangeDeclarePassive(name)).isNotNull();
    }

    private void awaitExchangeGone(String exchange) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !Probes.exchangeExists(connection, exchange));
    }
}
