package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Local transactions (tx class). Publishes and acks inside a transaction take effect on tx.commit;
 * tx.rollback discards the publishes and forgets the acks, which leaves those messages unacked on the
 * channel, not requeued (RabbitMQ semantics): they come back only on basic.recover or when the channel
 * closes.
 */
class TxTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Channel tx;
    private Channel observer;
    private String queue;

    @BeforeEach
    void openChannels() throws Exception {
        connection = broker.openConnection();
        tx = connection.createChannel();
        observer = connection.createChannel();
        observer.confirmSelect();
        queue = BrokerExtension.unique("tx");
        observer.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void publishesAreInvisibleUntilCommit() throws Exception {
        tx.txSelect();

        Messages.publish(tx, "", queue, "first");
        Messages.publish(tx, "", queue, "second");
        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).isZero();
        tx.txCommit();

        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).isEqualTo(2);
        assertThat(Messages.drain(observer, queue)).containsExactly("first", "second");
    }

    @Test
    void rollbackDiscardsPublishesAndTheChannelStaysTransactional() throws Exception {
        tx.txSelect();
        Messages.publish(tx, "", queue, "discarded");

        tx.txRollback();
        Messages.publish(tx, "", queue, "kept");
        tx.txCommit();

        assertThat(Messages.drain(observer, queue)).containsExactly("kept");
    }

    @Test
    void acksInATransactionTakeEffectOnlyOnCommit() throws Exception {
        publishConfirmed(observer, "", queue, "m1");
        tx.txSelect();
        CollectingConsumer consumer = consume(tx);
        long tag = consumer.next().getEnvelope().getDeliveryTag();

        tx.basicAck(tag, false);
        Channel secondLook = connection.createChannel();
        tx.txCommit();
        tx.close();

        assertThat(Messages.drain(secondLook, queue)).as("acked at commit, so not requeued on close").isEmpty();
    }

    @Test
    void uncommittedAckIsLostWhenTheChannelCloses() throws Exception {
        publishConfirmed(observer, "", queue, "m1");
        tx.txSelect();
        CollectingConsumer consumer = consume(tx);
        tx.basicAck(consumer.next().getEnvelope().getDeliveryTag(), false);

        tx.close();

        Messages.awaitMessageCount(observer, queue, 1);
        assertThat(observer.basicGet(queue, true).getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void rolledBackAcksLeaveMessagesUnackedUntilRecover() throws Exception {
        publishConfirmed(observer, "", queue, "m1");
        publishConfirmed(observer, "", queue, "m2");
        tx.txSelect();
        CollectingConsumer consumer = consume(tx);
        consumer.next();
        Delivery second = consumer.next();
        tx.basicAck(second.getEnvelope().getDeliveryTag(), true);

        tx.txRollback();

        consumer.assertNoDeliveryWithin(QUIET);
        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).as("still unacked, not ready").isZero();
        tx.basicRecover(true);
        List<Delivery> recovered = consumer.next(2);
        assertThat(recovered).extracting(CollectingConsumer::body).containsExactlyInAnyOrder("m1", "m2");
        assertThat(recovered).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void rejectInATransactionAppliesOnCommit() throws Exception {
        publishConfirmed(observer, "", queue, "m1");
        tx.txSelect();
        CollectingConsumer consumer = consume(tx);
        tx.basicReject(consumer.next().getEnvelope().getDeliveryTag(), false);
        assertThat(observer.queueDeclarePassive(queue).getMessageCount()).isZero();

        tx.txCommit();
        tx.close();

        assertThat(Messages.drain(observer, queue)).as("rejected without requeue at commit").isEmpty();
    }

    @Test
    void commitWithoutSelectIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(tx, ReplyCodes.PRECONDITION_FAILED, tx::txCommit);
    }

    @Test
    void rollbackWithoutSelectIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(tx, ReplyCodes.PRECONDITION_FAILED, tx::txRollback);
    }

    @Test
    void txSelectOnAConfirmChannelIsRefusedWith406() throws Exception {
        tx.confirmSelect();

        ProtocolErrors.assertChannelError(tx, ReplyCodes.PRECONDITION_FAILED, tx::txSelect);
    }

    private CollectingConsumer consume(Channel channel) throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, false, consumer);
        return consumer;
    }
}
