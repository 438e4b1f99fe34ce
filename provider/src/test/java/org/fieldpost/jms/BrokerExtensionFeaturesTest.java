package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JMS features that rest on the broker's Fieldpost extensions (docs/protocol.md): selectors, browsing,
 * delivery delay, delivery counts, no-local, priority order.
 */
class BrokerExtensionFeaturesTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(1000); m != null; m = consumer.receive(200)) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }

    private static void sendColours(Session session, jakarta.jms.Destination destination) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (String colour : new String[] {"red", "blue", "red"}) {
            TextMessage m = session.createTextMessage(colour);
            m.setStringProperty("colour", colour);
            producer.send(m);
        }
    }

    @Test
    void queueConsumerSelectorLeavesOtherMessagesInTheQueue() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("ext.selector.queue");
            sendColours(session, queue);
            assertThat(drain(session.createConsumer(queue, "colour = 'red'"))).containsExactly("red", "red");
            assertThat(drain(session.createConsumer(queue))).containsExactly("blue");
        }
    }

    @Test
    void topicSubscriberSelectorFiltersInTheBinding() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("ext.selector.topic");
            MessageConsumer reds = session.createConsumer(topic, "colour = 'red'");
            sendColours(session, topic);
            assertThat(drain(reds)).containsExactly("red", "red");
        }
    }

    @Test
    void browserSeesTheQueueInOrderWithoutConsumingIt() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("ext.browse");
            sendColours(session, queue);
            QueueBrowser browser = session.createBrowser(queue);
            List<String> seen = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                seen.add(((TextMessage) m).getText());
            }
            assertThat(seen).containsExactly("red", "blue", "red");
            QueueBrowser selective = session.createBrowser(queue, "colour = 'blue'");
            assertThat(Collections.list(selective.getEnumeration())).hasSize(1);
            browser.close();
            assertThat(drain(session.createConsumer(queue))).containsExactly("red", "blue", "red");
        }
    }

    @Test
    void deliveryDelayHoldsTheMessage() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("ext.delay");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryDelay(1500);
            TextMessage m = session.createTextMessage("later");
            producer.send(m);
            assertThat(m.getJMSDeliveryTime()).isGreaterThanOrEqualTo(m.getJMSTimestamp() + 1500);
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(consumer.receive(700)).isNull();
            Message got = consumer.receive(5000);
            assertThat(got).isNotNull();
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(m.getJMSDeliveryTime());
        }
    }

    @Test
    void deliveryCountGrowsWithEveryRollback() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("ext.count");
            session.createProducer(queue).send(session.createTextMessage("again"));
            session.commit();
            MessageConsumer consumer = session.createConsumer(queue);
            for (int expected = 1; expected <= 3; expected++) {
                Message m = consumer.receive(5000);
                assertThat(m.getIntProperty("JMSXDeliveryCount")).isEqualTo(expected);
                session.rollback();
            }
        }
    }

    @Test
    void noLocalSubscriberDoesNotSeeItsOwnConnectionsMessages() throws JMSException {
        try (Connection connection = broker.factory().createConnection();
             Connection other = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("ext.nolocal");
            MessageConsumer subscriber = session.createConsumer(topic, null, true);
            session.createProducer(topic).send(session.createTextMessage("mine"));
            Session otherSession = other.createSession();
            otherSession.createProducer(topic).send(otherSession.createTextMessage("theirs"));
            assertThat(drain(subscriber)).containsExactly("theirs");
        }
    }

    @Test
    void higherPriorityMessagesComeFirst() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("ext.priority");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 1, 0);
            producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
            producer.send(session.createTextMessage("normal"), DeliveryMode.PERSISTENT, 4, 0);
            connection.start();
            assertThat(drain(session.createConsumer(queue))).containsExactly("high", "normal", "low");
        }
    }
}
