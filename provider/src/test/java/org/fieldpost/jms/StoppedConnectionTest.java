package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stopped connection (never started, or stopped) takes no messages from the broker: its consumers
 * leave a queue's messages to the consumers of started connections (the session's channel is paused
 * with {@code channel.flow}), and browsing still works on it.
 */
class StoppedConnectionTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void consumerOfANeverStartedConnectionLeavesTheQueueToOthers() throws Exception {
        try (Connection idle = broker.factory().createConnection();
             JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("stopped.never-started");
            idle.createSession().createConsumer(queue);
            JMSConsumer consumer = context.createConsumer(queue);
            JMSProducer producer = context.createProducer();

            for (int i = 0; i < 10; i++) {
                producer.send(queue, "m" + i);
            }

            for (int i = 0; i < 10; i++) {
                assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void stoppedConnectionHandsTheQueueOverUntilStartedAgain() throws Exception {
        try (Connection stopping = broker.factory().createConnection();
             JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("stopped.restarted");
            MessageConsumer first = stopping.createSession().createConsumer(queue);
            stopping.start();
            JMSProducer producer = context.createProducer();
            producer.send(queue, "before stop");
            assertThat(first.receive(5000).getBody(String.class)).isEqualTo("before stop");

            stopping.stop();
            JMSConsumer other = context.createConsumer(queue);
            for (int i = 0; i < 10; i++) {
                producer.send(queue, "while stopped " + i);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(other.receiveBody(String.class, 5000)).isEqualTo("while stopped " + i);
            }

            other.close();
            stopping.start();
            producer.send(queue, "after start");
            assertThat(first.receive(5000).getBody(String.class)).isEqualTo("after start");
        }
    }

    @Test
    void browsingWorksOnAStoppedConnection() throws Exception {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("stopped.browse");
            session.createProducer(queue).send(session.createTextMessage("look"));
            session.createProducer(queue).send(session.createTextMessage("don't touch"));

            QueueBrowser browser = session.createBrowser(queue);
            List<String> seen = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                seen.add(((Message) m).getBody(String.class));
            }

            assertThat(seen).containsExactly("look", "don't touch");
        }
    }
}
