package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.Probes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a graceful restart keeps (durable topology, persistent messages on durable queues) and what it drops. */
class RestartTest {

    private static final AMQP.BasicProperties PERSISTENT = MessageProperties.PERSISTENT_TEXT_PLAIN;
    private static final AMQP.BasicProperties TRANSIENT = MessageProperties.TEXT_PLAIN;

    @RegisterExtension
    BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    private Channel reopen() throws Exception {
        broker.restart();
        Channel after = broker.openConnection().createChannel();
        after.confirmSelect();
        return after;
    }

    @Test
    void durableTopologySurvivesAndTheRestIsGone() throws Exception {
        channel.exchangeDeclare("orders", "topic", true, false, Map.of("alternate-exchange", "unrouted"));
        channel.exchangeDeclare("audit", "fanout", true);
        channel.exchangeDeclare("scratch", "direct", false);
        channel.queueDeclare("orders.eu", true, false, false, Map.of("x-max-priority", 5));
        channel.queueDeclare("audit.log", true, false, false, null);
        channel.queueDeclare("temporary", false, false, false, null);
        channel.queueBind("orders.eu", "orders", "eu.#");
        channel.queueBind("temporary", "orders", "eu.#");
        channel.exchangeBind("audit", "orders", "#");
        channel.queueBind("audit.log", "audit", "");

        Channel after = reopen();
        Connection connection = after.getConnection();

        assertThat(Probes.exchangeExists(connection, "orders")).isTrue();
        assertThat(Probes.exchangeExists(connection, "scratch")).isFalse();
        assertThat(Probes.queueExists(connection, "temporary")).isFalse();
        publishConfirmed(after, "orders", "eu.de", PERSISTENT, "order 1");
        assertThat(Messages.drain(after, "orders.eu")).containsExactly("order 1");
        assertThat(Messages.drain(after, "audit.log")).containsExactly("order 1");
        // redeclaring with the original arguments is accepted: they were stored as declared
        after.exchangeDeclare("orders", "topic", true, false, Map.of("alternate-exchange", "unrouted"));
        after.queueDeclare("orders.eu", true, false, false, Map.of("x-max-priority", 5));
    }

    @Test
    void persistentMessagesOnDurableQueuesSurviveInOrderAndTransientOnesDoNot() throws Exception {
        channel.queueDeclare("kept", true, false, false, null);
        channel.queueDeclare("also.kept", true, false, false, null);
        channel.queueDeclare("forgotten", false, false, false, null);
        channel.exchangeDeclare("all", "fanout", true);
        for (String q : List.of("kept", "also.kept", "forgotten")) {
            channel.queueBind(q, "all", "");
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean persistent = i % 3 != 1;
            channel.basicPublish("all", "", persistent ? PERSISTENT : TRANSIENT, Messages.utf8("m" + i));
            if (persistent) {
                expected.add("m" + i);
            }
        }
        channel.waitForConfirmsOrDie(Messages.CONFIRM_DEADLINE.toMillis());

        Channel after = reopen();

        assertThat(Messages.drain(after, "kept")).containsExactlyElementsOf(expected);
        assertThat(Messages.drain(after, "also.kept")).containsExactlyElementsOf(expected);
        assertThat(Probes.queueExists(after.getConnection(), "forgotten")).isFalse();
    }

    @Test
    void unacknowledgedMessagesComeBackRedeliveredAndAcknowledgedOnesStayGone() throws Exception {
        channel.queueDeclare("work", true, false, false, null);
        for (String body : List.of("acked", "unacked", "untouched")) {
            publishConfirmed(channel, "", "work", PERSISTENT, body);
        }
        Channel consumer = broker.openConnection().createChannel();
        GetResponse acked = consumer.basicGet("work", false);
        GetResponse unacked = consumer.basicGet("work", false);
        consumer.basicAck(acked.getEnvelope().getDeliveryTag(), false);
        assertThat(Messages.text(unacked.getBody())).isEqualTo("unacked");

        Channel after = reopen();

        GetResponse first = after.basicGet("work", true);
        GetResponse second = after.basicGet("work", true);
        assertThat(Messages.text(first.getBody())).isEqualTo("unacked");
        assertThat(first.getEnvelope().isRedeliver()).isTrue();
        assertThat(Messages.text(second.getBody())).isEqualTo("untouched");
        assertThat(second.getEnvelope().isRedeliver()).isFalse();
        Messages.assertEmpty(after, "work");
    }

    @Test
    void aCommittedTransactionSurvivesWholeAndARolledBackOneLeavesNoTrace() throws Exception {
        channel.queueDeclare("in", true, false, false, null);
        channel.queueDeclare("out", true, false, false, null);
        publishConfirmed(channel, "", "in", PERSISTENT, "request 1");
        publishConfirmed(channel, "", "in", PERSISTENT, "request 2");
        Channel tx = broker.openConnection().createChannel();
        tx.txSelect();
        GetResponse first = tx.basicGet("in", false);
        tx.basicPublish("", "out", PERSISTENT, Messages.utf8("reply 1"));
        tx.basicAck(first.getEnvelope().getDeliveryTag(), false);
        tx.txCommit();
        GetResponse second = tx.basicGet("in", false);
        tx.basicPublish("", "out", PERSISTENT, Messages.utf8("reply 2"));
        tx.basicAck(second.getEnvelope().getDeliveryTag(), false);
        tx.txRollback();

        Channel after = reopen();

        assertThat(Messages.drain(after, "out")).containsExactly("reply 1");
        assertThat(Messages.drain(after, "in")).containsExactly("request 2");
    }

    @Test
    void aSecondBrokerOnTheSameDataDirectoryIsRefused() throws Exception {
        EmbeddedBroker second = EmbeddedBroker.builder().port(0).dataDirectory(broker.dataDirectory()).build();

        assertThatThrownBy(second::start).isInstanceOf(StoreException.class)
            .hasMessageContaining("is in use by another Fieldpost broker");
        publishConfirmed(channel, "", "nowhere", PERSISTENT, "the first broker still works");
    }
}
