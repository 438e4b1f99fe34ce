package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
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

/** basic.ack, basic.nack, basic.reject and basic.recover, and redelivery of unacknowledged messages. */
class AckTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Connection connection;
    private Channel publisher;
    private Channel consumerChannel;
    private String queue;

    @BeforeEach
    void declareQueue() throws Exception {
        connection = broker.openConnection();
        publisher = connection.createChannel();
        publisher.confirmSelect();
        consumerChannel = connection.createChannel();
        queue = BrokerExtension.unique("ack");
        publisher.queueDeclare(queue, false, false, false, null);
    }

    @Test
    void ackedMessagesAreGoneForGood() throws Exception {
        publish("m1", "m2");
        CollectingConsumer consumer = consume(consumerChannel);
        List<Delivery> got = consumer.next(2);

        consumerChannel.basicAck(got.get(0).getEnvelope().getDeliveryTag(), false);
        consumerChannel.basicAck(got.get(1).getEnvelope().getDeliveryTag(), false);
        consumerChannel.close();

        assertThat(Messages.drain(publisher, queue)).isEmpty();
    }

    @Test
    void deliveryTagsStartAtOneAndIncreasePerChannel() throws Exception {
        publish("a", "b", "c");

        List<Delivery> got = consume(consumerChannel).next(3);

        assertThat(got).extracting(d -> d.getEnvelope().getDeliveryTag()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void ackMultipleAcknowledgesUpToTheTagAndTheRestIsRedeliveredOnChannelClose() throws Exception {
        publish("m1", "m2", "m3", "m4", "m5");
        List<Delivery> got = consume(consumerChannel).next(5);

        consumerChannel.basicAck(got.get(2).getEnvelope().getDeliveryTag(), true);
        consumerChannel.close();

        CollectingConsumer again = consume(connection.createChannel());
        List<Delivery> redelivered = again.next(2);
        assertThat(redelivered).extracting(CollectingConsumer::body).containsExactly("m4", "m5");
        assertThat(redelivered).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void ackMultipleWithTagZeroAcknowledgesEverythingOutstanding() throws Exception {
        publish("m1", "m2", "m3");
        consume(consumerChannel).next(3);

        consumerChannel.basicAck(0, true);
        consumerChannel.close();

        assertThat(Messages.drain(publisher, queue)).isEmpty();
    }

    @Test
    void nackWithRequeueRedeliversWithTheRedeliveredFlag() throws Exception {
        publish("m1", "m2");
        CollectingConsumer consumer = consume(consumerChannel);
        List<Delivery> first = consumer.next(2);

        consumerChannel.basicNack(first.get(1).getEnvelope().getDeliveryTag(), true, true);

        List<Delivery> again = consumer.next(2);
        assertThat(again).extracting(CollectingConsumer::body).containsExactlyInAnyOrder("m1", "m2");
        assertThat(again).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void nackMultipleWithoutRequeueDiscards() throws Exception {
        publish("m1", "m2", "m3");
        List<Delivery> got = consume(consumerChannel).next(3);

        consumerChannel.basicNack(got.get(1).getEnvelope().getDeliveryTag(), true, false);
        consumerChannel.close();

        List<String> left = Messages.drain(publisher, queue);
        assertThat(left).containsExactly("m3");
    }

    @Test
    void rejectWithRequeueRedeliversAndWithoutRequeueDiscards() throws Exception {
        publish("keep", "drop");
        Channel getter = connection.createChannel();
        GetResponse keep = getter.basicGet(queue, false);
        GetResponse drop = getter.basicGet(queue, false);

        getter.basicReject(keep.getEnvelope().getDeliveryTag(), true);
        getter.basicReject(drop.getEnvelope().getDeliveryTag(), false);

        GetResponse again = Messages.awaitGet(publisher, queue);
        assertThat(Messages.text(again.getBody())).isEqualTo("keep");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(Messages.drain(publisher, queue)).isEmpty();
    }

    @Test
    void unknownDeliveryTagClosesTheChannelWith406() throws Exception {
        consumerChannel.basicAck(999, false);

        ProtocolErrors.awaitChannelClosed(consumerChannel, ReplyCodes.PRECONDITION_FAILED);
    }

    @Test
    void unknownDeliveryTagInRejectClosesTheChannelWith406() throws Exception {
        publish("m1");
        consume(consumerChannel).next();

        consumerChannel.basicReject(2, true);

        ProtocolErrors.awaitChannelClosed(consumerChannel, ReplyCodes.PRECONDITION_FAILED);
    }

    @Test
    void doubleAckClosesTheChannelWith406() throws Exception {
        publish("m1");
        long tag = consume(consumerChannel).next().getEnvelope().getDeliveryTag();

        consumerChannel.basicAck(tag, false);
        consumerChannel.basicAck(tag, false);

        ProtocolErrors.awaitChannelClosed(consumerChannel, ReplyCodes.PRECONDITION_FAILED);
        assertThat(Messages.drain(publisher, queue)).as("the first ack stood").isEmpty();
    }

    @Test
    void unackedMessagesAreRedeliveredWhenTheChannelCloses() throws Exception {
        publish("m1", "m2");
        consume(consumerChannel).next(2);

        consumerChannel.close();

        Messages.awaitMessageCount(publisher, queue, 2);
        GetResponse first = publisher.basicGet(queue, true);
        assertThat(Messages.text(first.getBody())).isEqualTo("m1");
        assertThat(first.getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void unackedMessagesAreRedeliveredWhenTheConnectionCloses() throws Exception {
        publish("m1", "m2");
        Connection doomed = broker.openConnection();
        consume(doomed.createChannel()).next(2);

        doomed.close();

        CollectingConsumer survivor = consume(connection.createChannel());
        List<Delivery> again = survivor.next(2);
        assertThat(again).extracting(CollectingConsumer::body).containsExactly("m1", "m2");
        assertThat(again).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void recoverWithRequeueRedeliversUnackedMessages() throws Exception {
        publish("m1", "m2");
        CollectingConsumer consumer = consume(consumerChannel);
        List<Delivery> first = consumer.next(2);
        consumerChannel.basicAck(first.get(0).getEnvelope().getDeliveryTag(), false);

        consumerChannel.basicRecover(true);

        Delivery again = consumer.next();
        assertThat(CollectingConsumer.body(again)).isEqualTo("m2");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        consumerChannel.basicAck(again.getEnvelope().getDeliveryTag(), false);
        consumer.assertNoDeliveryWithin(Duration.ofMillis(300));
    }

    @Test
    void autoAckDeliveriesAreNotRedelivered() throws Exception {
        publish("m1");
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(queue, true, consumer);
        consumer.next();

        consumerChannel.close();

        assertThat(Messages.drain(publisher, queue)).isEmpty();
    }

    private void publish(String... bodies) throws Exception {
        for (String body : bodies) {
            publishConfirmed(publisher, "", queue, body);
        }
    }

    private CollectingConsumer consume(Channel channel) throws Exception {
        CollectingConsumer consumer = new CollectingConsumer(channel);
        channel.basicConsume(queue, false, consumer);
        return consumer;
    }
}
