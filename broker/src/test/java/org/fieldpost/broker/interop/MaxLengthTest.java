package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.fieldpost.broker.testing.XDeath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue length limits (RabbitMQ's x-max-length, x-max-length-bytes and x-overflow): drop-head (the
 * default) drops or dead-letters the oldest ready messages with reason "maxlen"; reject-publish refuses
 * new ones, nacking them under publisher confirms.
 */
class MaxLengthTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    @Test
    void dropHeadKeepsTheNewestMessages() throws Exception {
        String queue = declare(Map.of("x-max-length", 3));

        for (int i = 0; i < 5; i++) {
            publishConfirmed(channel, "", queue, "m" + i);
        }

        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(3);
        assertThat(Messages.drain(channel, queue)).containsExactly("m2", "m3", "m4");
    }

    @Test
    void explicitDropHeadBehavesAsTheDefault() throws Exception {
        String queue = declare(Map.of("x-max-length", 1, "x-overflow", "drop-head"));

        publishConfirmed(channel, "", queue, "old");
        publishConfirmed(channel, "", queue, "new");

        assertThat(Messages.drain(channel, queue)).containsExactly("new");
    }

    @Test
    void droppedHeadIsDeadLetteredWithReasonMaxlen() throws Exception {
        String dead = channel.queueDeclare().getQueue();
        String queue = declare(Map.of("x-max-length", 2, "x-dead-letter-exchange", "",
            "x-dead-letter-routing-key", dead));

        publishConfirmed(channel, "", queue, "m0");
        publishConfirmed(channel, "", queue, "m1");
        publishConfirmed(channel, "", queue, "m2");

        GetResponse got = Messages.awaitGet(channel, dead);
        assertThat(Messages.text(got.getBody())).isEqualTo("m0");
        XDeath death = XDeath.first(got.getProps());
        assertThat(death.reason()).isEqualTo("maxlen");
        assertThat(death.queue()).isEqualTo(queue);
        assertThat(Messages.drain(channel, queue)).containsExactly("m1", "m2");
    }

    @Test
    void unackedMessagesDoNotCountTowardsTheLimit() throws Exception {
        String queue = declare(Map.of("x-max-length", 1));
        Channel holder = broker.openConnection().createChannel();
        publishConfirmed(channel, "", queue, "held");
        assertThat(holder.basicGet(queue, false)).isNotNull();

        publishConfirmed(channel, "", queue, "ready");

        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
        assertThat(Messages.drain(channel, queue)).containsExactly("ready");
    }

    @Test
    void maxLengthBytesCountsBodyBytes() throws Exception {
        String queue = declare(Map.of("x-max-length-bytes", 10));

        publishConfirmed(channel, "", queue, "aaaa");
        publishConfirmed(channel, "", queue, "bbbb");
        publishConfirmed(channel, "", queue, "cccc");

        assertThat(Messages.drain(channel, queue)).containsExactly("bbbb", "cccc");
    }

    @Test
    void rejectPublishNacksNewMessagesAndKeepsTheOldOnes() throws Exception {
        String queue = declare(Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        publishConfirmed(channel, "", queue, "m0");
        publishConfirmed(channel, "", queue, "m1");

        channel.basicPublish("", queue, null, Messages.utf8("m2"));

        assertThat(channel.waitForConfirms(10_000)).as("the overflowing publish is nacked").isFalse();
        assertThat(Messages.drain(channel, queue)).containsExactly("m0", "m1");
    }

    @Test
    void rejectPublishAcceptsAgainOnceThereIsRoom() throws Exception {
        String queue = declare(Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        publishConfirmed(channel, "", queue, "first");
        assertThat(channel.basicGet(queue, true)).isNotNull();

        publishConfirmed(channel, "", queue, "second");

        assertThat(Messages.drain(channel, queue)).containsExactly("second");
    }

    @Test
    void unknownOverflowModeIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> declare(Map.of("x-max-length", 1, "x-overflow", "drop-everything")));
    }

    @Test
    void negativeMaxLengthIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> declare(Map.of("x-max-length", -1)));
    }

    private String declare(Map<String, Object> arguments) throws Exception {
        return channel.queueDeclare("", false, false, true, arguments).getQueue();
    }
}
