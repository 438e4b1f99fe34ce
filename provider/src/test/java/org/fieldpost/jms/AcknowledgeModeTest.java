package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AUTO, CLIENT, DUPS_OK and SESSION_TRANSACTED: what is acknowledged, what comes back. */
class AcknowledgeModeTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private static void send(Connection connection, Queue queue, int count) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        session.close();
    }

    private static List<String> receiveAll(Connection connection, Queue queue, int mode) throws JMSException {
        Session session = connection.createSession(mode);
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(1000); m != null; m = consumer.receive(300)) {
            texts.add(((TextMessage) m).getText());
        }
        if (mode == Session.SESSION_TRANSACTED) {
            session.commit();
        }
        session.close();
        return texts;
    }

    @Test
    void clientAcknowledgeAcksExactlyTheConsumedMessages() throws JMSException {
        Queue queue = new FieldpostQueue("ack.client");
        try (Connection connection = broker.factory("prefetch=10").createConnection()) {
            send(connection, queue, 10);
            connection.start();
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            Message last = null;
            for (int i = 0; i < 3; i++) {
                last = consumer.receive(5000);
                assertThat(((TextMessage) last).getText()).isEqualTo("m" + i);
            }
            last.acknowledge();
            session.close();
            assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE))
                .containsExactly("m3", "m4", "m5", "m6", "m7", "m8", "m9");
        }
    }

    @Test
    void clientAcknowledgeWithTwoConsumersNeverAcksTheOthersPrefetch() throws JMSException {
        Queue a = new FieldpostQueue("ack.client.a");
        Queue b = new FieldpostQueue("ack.client.b");
        try (Connection connection = broker.factory("prefetch=10").createConnection()) {
            send(connection, a, 3);
            send(connection, b, 3);
            connection.start();
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer ca = session.createConsumer(a);
            MessageConsumer cb = session.createConsumer(b);
            assertThat(cb.receive(5000)).isNotNull();
            Message fromA = ca.receive(5000);
            assertThat(ca.receive(5000)).isNotNull();
            fromA.acknowledge();
            session.close();
            assertThat(receiveAll(connection, a, Session.AUTO_ACKNOWLEDGE)).containsExactly("m2");
            assertThat(receiveAll(connection, b, Session.AUTO_ACKNOWLEDGE)).containsExactly("m1", "m2");
        }
    }

    @Test
    void recoverRedeliversUnacknowledgedMessagesInOrderFlaggedRedelivered() throws JMSException {
        Queue queue = new FieldpostQueue("ack.recover");
        try (Connection connection = broker.factory().createConnection()) {
            send(connection, queue, 4);
            connection.start();
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m0");
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m1");
            session.recover();
            Message again = consumer.receive(5000);
            assertThat(((TextMessage) again).getText()).isEqualTo("m0");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m1");
            Message third = consumer.receive(5000);
            assertThat(((TextMessage) third).getText()).isEqualTo("m2");
            third.acknowledge();
            session.close();
            assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE)).containsExactly("m3");
        }
    }

    @Test
    void autoAndDupsOkAcknowledgeWhatTheyDeliver() throws JMSException {
        for (int mode : new int[] {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE}) {
            Queue queue = new FieldpostQueue("ack.auto." + mode);
            try (Connection connection = broker.factory().createConnection()) {
                send(connection, queue, 50);
                connection.start();
                assertThat(receiveAll(connection, queue, mode)).hasSize(50);
                assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE)).isEmpty();
            }
        }
    }

    @Test
    void rollbackRedeliversWithRedeliveredAndDeliveryCount() throws JMSException {
        Queue queue = new FieldpostQueue("tx.rollback");
        try (Connection connection = broker.factory().createConnection()) {
            send(connection, queue, 3);
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(queue);
            Message first = consumer.receive(5000);
            assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            session.rollback();
            Message again = consumer.receive(5000);
            assertThat(((TextMessage) again).getText()).isEqualTo("m0");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m1");
            session.commit();
            session.close();
            assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE)).containsExactly("m2");
        }
    }

    @Test
    void transactedSendsAppearOnlyAfterCommit() throws JMSException {
        Queue queue = new FieldpostQueue("tx.send");
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("rolled back"));
            session.rollback();
            producer.send(session.createTextMessage("committed"));
            assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE)).isEmpty();
            session.commit();
            assertThat(receiveAll(connection, queue, Session.AUTO_ACKNOWLEDGE)).containsExactly("committed");
        }
    }

    @Test
    void closingATransactedSessionRollsBack() throws JMSException {
        Queue queue = new FieldpostQueue("tx.close");
        try (Connection connection = broker.factory().createConnection()) {
            send(connection, queue, 2);
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            assertThat(session.createConsumer(queue).receive(5000)).isNotNull();
            session.createProducer(queue).send(session.createTextMessage("never"));
            session.close();
            assertThat(receiveAll(connection, queue, Session.SESSION_TRANSACTED)).containsExactly("m0", "m1");
        }
    }

    @Test
    void commitAndRollbackNeedATransactedSession() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(session::rollback).isInstanceOf(IllegalStateException.class);
            Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);
            assertThat(transacted.getTransacted()).isTrue();
            assertThat(transacted.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
            assertThatThrownBy(transacted::recover).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> connection.createSession(false, 99)).isInstanceOf(JMSException.class);
        }
    }
}
