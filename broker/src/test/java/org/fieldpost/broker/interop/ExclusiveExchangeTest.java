package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An exclusive exchange ({@code x-exclusive}, docs/protocol.md "Exchange arguments") belongs to the
 * connection that declared it: another connection may publish to it but may neither delete,
 * declare, bind nor unbind it, at either end of a binding (405 RESOURCE_LOCKED, channel closed).
 * Two RabbitMQ client connections play the owner and the rival.
 */
class ExclusiveExchangeTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel owner;
    private Connection rivalConnection;
    private String exclusive;
    private String ownersQueue;

    @BeforeEach
    void declareExclusiveExchangeWithAQueue() throws Exception {
        owner = broker.openConnection().createChannel();
        owner.confirmSelect();
        exclusive = BrokerExtension.unique("tmp-topic");
        owner.exchangeDeclare(exclusive, "fanout", false, true, Map.of("x-exclusive", true));
        ownersQueue = BrokerExtension.unique("owners");
        owner.queueDeclare(ownersQueue, false, false, false, null);
        owner.queueBind(ownersQueue, exclusive, "");
        rivalConnection = broker.openConnection();
    }

    @Test
    void rivalCannotDeleteIt() throws Exception {
        Channel rival = rivalConnection.createChannel();

        ProtocolErrors.assertChannelError(rival, ReplyCodes.RESOURCE_LOCKED, () -> rival.exchangeDelete(exclusive));
        Channel rivalIfUnused = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(rivalIfUnused, ReplyCodes.RESOURCE_LOCKED,
            () -> rivalIfUnused.exchangeDelete(exclusive, true));

        assertStillRoutes("after the refused deletes");
    }

    @Test
    void rivalCannotDeclareIt() throws Exception {
        Channel passive = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(passive, ReplyCodes.RESOURCE_LOCKED,
            () -> passive.exchangeDeclarePassive(exclusive));
        Channel same = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(same, ReplyCodes.RESOURCE_LOCKED,
            () -> same.exchangeDeclare(exclusive, "fanout", false, true, Map.of("x-exclusive", true)));
        Channel plain = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(plain, ReplyCodes.RESOURCE_LOCKED,
            () -> plain.exchangeDeclare(exclusive, "fanout"));

        assertStillRoutes("after the refused declares");
    }

    @Test
    void rivalCannotBindOrUnbindItsQueues() throws Exception {
        Channel rival = rivalConnection.createChannel();
        String rivalQueue = rival.queueDeclare().getQueue();
        ProtocolErrors.assertChannelError(rival, ReplyCodes.RESOURCE_LOCKED,
            () -> rival.queueBind(rivalQueue, exclusive, ""));

        Channel unbinder = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(unbinder, ReplyCodes.RESOURCE_LOCKED,
            () -> unbinder.queueUnbind(ownersQueue, exclusive, ""));

        assertStillRoutes("after the refused unbind");
    }

    @Test
    void rivalCannotBindItAsSourceOrDestination() throws Exception {
        Channel setup = rivalConnection.createChannel();
        String rivals = BrokerExtension.unique("rivals");
        setup.exchangeDeclare(rivals, "fanout", false, true, null);
        String rivalQueue = setup.queueDeclare().getQueue();
        setup.queueBind(rivalQueue, rivals, "");

        Channel asSource = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(asSource, ReplyCodes.RESOURCE_LOCKED,
            () -> asSource.exchangeBind(rivals, exclusive, ""));
        Channel asDestination = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(asDestination, ReplyCodes.RESOURCE_LOCKED,
            () -> asDestination.exchangeBind(exclusive, rivals, ""));

        publishConfirmed(owner, exclusive, "", "only the owner's queue");
        assertThat(drain(setup, rivalQueue)).as("no copy leaked into the rival's queue").isEmpty();
        assertThat(drain(owner, ownersQueue)).containsExactly("only the owner's queue");
    }

    @Test
    void rivalCannotUnbindItFromTheOwnersExchangeBindings() throws Exception {
        String upstream = BrokerExtension.unique("upstream");
        owner.exchangeDeclare(upstream, "fanout", false, true, null);
        owner.exchangeBind(exclusive, upstream, "");
        Channel rival = rivalConnection.createChannel();

        ProtocolErrors.assertChannelError(rival, ReplyCodes.RESOURCE_LOCKED,
            () -> rival.exchangeUnbind(exclusive, upstream, ""));

        publishConfirmed(owner, upstream, "", "through the owner's binding");
        assertThat(drain(owner, ownersQueue)).containsExactly("through the owner's binding");
    }

    @Test
    void rivalMayPublishAndTheOwnerMayDelete() throws Exception {
        Channel rival = rivalConnection.createChannel();
        rival.confirmSelect();
        publishConfirmed(rival, exclusive, "any-key", "from the rival");
        assertThat(drain(owner, ownersQueue)).containsExactly("from the rival");

        owner.exchangeDelete(exclusive);

        Channel probe = rivalConnection.createChannel();
        ProtocolErrors.assertChannelError(probe, ReplyCodes.NOT_FOUND, () -> probe.exchangeDeclarePassive(exclusive));
    }

    private void assertStillRoutes(String when) throws Exception {
        publishConfirmed(owner, exclusive, "", "still routed");
        assertThat(drain(owner, ownersQueue)).as(when).containsExactly("still routed");
    }
}
