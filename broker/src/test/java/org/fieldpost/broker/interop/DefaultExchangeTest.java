package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The nameless default exchange routes by queue name (section 3.1.3.1) and cannot be bound, unbound or
 * deleted; RabbitMQ refuses those with 403 ACCESS_REFUSED.
 */
class DefaultExchangeTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    @Test
    void routesByQueueName() throws Exception {
        String named = BrokerExtension.unique("named");
        channel.queueDeclare(named, false, false, true, null);
        String serverNamed = channel.queueDeclare().getQueue();

        publishConfirmed(channel, "", named, "to named");
        publishConfirmed(channel, "", serverNamed, "to server-named");

        assertThat(drain(channel, named)).containsExactly("to named");
        assertThat(drain(channel, serverNamed)).containsExactly("to server-named");
    }

    @Test
    void unknownQueueNameIsDroppedWithoutError() throws Exception {
        publishConfirmed(channel, "", BrokerExtension.unique("nobody"), "dropped");

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void routingIsExactNotPattern() throws Exception {
        String queue = BrokerExtension.unique("exact");
        channel.queueDeclare(queue, false, false, true, null);

        publishConfirmed(channel, "", queue.toUpperCase(), "other case");
        publishConfirmed(channel, "", queue + ".x", "longer");

        assertThat(drain(channel, queue)).isEmpty();
    }

    @Test
    void bindingToDefaultExchangeIsRefusedWith403() throws Exception {
        String queue = channel.queueDeclare().getQueue();

        ProtocolErrors.assertChannelError(channel, ReplyCodes.ACCESS_REFUSED,
            () -> channel.queueBind(queue, "", "other-key"));
    }

    @Test
    void unbindingFromDefaultExchangeIsRefusedWith403() throws Exception {
        String queue = channel.queueDeclare().getQueue();

        ProtocolErrors.assertChannelError(channel, ReplyCodes.ACCESS_REFUSED,
            () -> channel.queueUnbind(queue, "", queue));
    }

    @Test
    void deletingDefaultExchangeIsRefusedWith403() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.ACCESS_REFUSED,
            () -> channel.exchangeDelete(""));
    }
}
