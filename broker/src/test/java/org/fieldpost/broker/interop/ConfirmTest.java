package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.MessageProperties;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publisher confirms (RabbitMQ's confirm.select extension): basic.ack / basic.nack from the broker. */
class ConfirmTest {

    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
    }

    @Test
    void thousandPersistentMessagesAreAllConfirmed() throws Exception {
        String queue = BrokerExtension.unique("durable");
        channel.queueDeclare(queue, true, false, false, null);
        channel.confirmSelect();

        for (int i = 0; i < 1000; i++) {
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, Messages.utf8("m" + i));
        }
        channel.waitForConfirmsOrDie(CONFIRM_DEADLINE.toMillis());

        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1000);
    }

    /**
     * Every publish is acked exactly once, in one or more acks, some of them with multiple=true: the
     * broker's group commit confirms a batch at once, as RabbitMQ does.
     */
    @Test
    void confirmListenerSeesEverySequenceNumberAndMultipleAcks() throws Exception {
        String queue = BrokerExtension.unique("durable");
        channel.queueDeclare(queue, true, false, false, null);
        channel.confirmSelect();
        Acks acks = new Acks();
        channel.addConfirmListener(acks);
        assertThat(channel.getNextPublishSeqNo()).isEqualTo(1);

        for (int i = 0; i < 1000; i++) {
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, Messages.utf8("m" + i));
        }

        await().atMost(CONFIRM_DEADLINE).until(() -> acks.confirmed.size() == 1000);
        assertThat(acks.confirmed.first()).isEqualTo(1);
        assertThat(acks.confirmed.last()).isEqualTo(1000);
        assertThat(acks.duplicates.get()).as("tags confirmed twice").isZero();
        assertThat(acks.nacks.get()).isZero();
        assertThat(acks.multipleAcks.get()).as("acks with multiple=true").isPositive();
    }

    @Test
    void unroutableMessagesAreStillAcked() throws Exception {
        channel.confirmSelect();
        Acks acks = new Acks();
        channel.addConfirmListener(acks);

        channel.basicPublish("amq.direct", BrokerExtension.unique("no-binding"), null, Messages.utf8("lost"));
        channel.basicPublish("", BrokerExtension.unique("no-queue"), true, null, Messages.utf8("returned"));

        assertThat(channel.waitForConfirms(CONFIRM_DEADLINE.toMillis())).isTrue();
        assertThat(acks.confirmed).containsExactly(1L, 2L);
    }

    @Test
    void rejectPublishOverflowIsNacked() throws Exception {
        String queue = BrokerExtension.unique("bounded");
        channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        channel.confirmSelect();
        Acks acks = new Acks();
        channel.addConfirmListener(acks);

        channel.basicPublish("", queue, null, Messages.utf8("fits"));
        channel.basicPublish("", queue, null, Messages.utf8("overflows"));

        assertThat(channel.waitForConfirms(CONFIRM_DEADLINE.toMillis())).as("all acked").isFalse();
        assertThat(acks.nackedTags).containsExactly(2L);
        assertThat(Messages.drain(channel, queue)).containsExactly("fits");
    }

    @Test
    void confirmSelectIsIdempotent() throws Exception {
        channel.confirmSelect();
        channel.confirmSelect();

        channel.basicPublish("", channel.queueDeclare().getQueue(), null, Messages.utf8("x"));
        channel.waitForConfirmsOrDie(CONFIRM_DEADLINE.toMillis());
    }

    @Test
    void confirmSelectOnATransactionalChannelIsRefusedWith406() throws Exception {
        channel.txSelect();

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED, channel::confirmSelect);
    }

    /** Records confirms; sequence numbers are the broker's delivery tags for publishes, from 1. */
    private static final class Acks implements ConfirmListener {
        final NavigableSet<Long> confirmed = new ConcurrentSkipListSet<>();
        final NavigableSet<Long> nackedTags = new ConcurrentSkipListSet<>();
        final AtomicInteger multipleAcks = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger nacks = new AtomicInteger();

        @Override
        public void handleAck(long deliveryTag, boolean multiple) {
            if (confirmed.contains(deliveryTag)) {
                duplicates.incrementAndGet();
            }
            if (multiple) {
                multipleAcks.incrementAndGet();
                for (long tag = 1; tag <= deliveryTag; tag++) {
                    confirmed.add(tag);
                }
            } else {
                confirmed.add(deliveryTag);
            }
        }

        @Override
        public void handleNack(long deliveryTag, boolean multiple) {
            nacks.incrementAndGet();
            long from = multiple ? 1 : deliveryTag;
            for (long tag = from; tag <= deliveryTag; tag++) {
                if (confirmed.add(tag)) {
                    nackedTags.add(tag);
                }
            }
        }
    }
}
