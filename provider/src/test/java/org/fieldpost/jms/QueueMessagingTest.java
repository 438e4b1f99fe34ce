package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queues: send and receive, listeners and their thread, producers' rules, closed objects. */
class QueueMessagingTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Connection connection;

    @BeforeEach
    void connect() throws JMSException {
        connection = broker.factory().createConnection();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    void sendAndReceiveOnAQueue() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.send-receive");
        MessageProducer producer = session.createProducer(queue);
        TextMessage sent = session.createTextMessage("hello");
        sent.setStringProperty("colour", "blue");
        producer.send(sent);
        assertThat(sent.getJMSMessageID()).startsWith("ID:");
        assertThat(sent.getJMSDestination()).isEqualTo(queue);
        assertThat(sent.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(sent.getJMSTimestamp()).isPositive();

        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(200)).as("stopped connection delivers nothing").isNull();
        connection.start();
        Message received = consumer.receive(5000);
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("hello");
        assertThat(received.getStringProperty("colour")).isEqualTo("blue");
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(received.getJMSDestination()).isEqualTo(queue);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void listenerRunsOnTheSessionThreadNeverTheIoThread() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.listener");
        List<String> threads = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> threads.add(Thread.currentThread().getName()));
        connection.start();
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        await().until(() -> threads.size() == 5);
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("fieldpost-session-"));
    }

    @Test
    void stopPausesListenersUntilStart() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.stop");
        List<Message> got = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(got::add);
        connection.start();
        connection.stop();
        session.createProducer(queue).send(session.createTextMessage("while stopped"));
        Session probe = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        probe.createConsumer(probe.createQueue("q.stop.other")).receive(300);
        assertThat(got).isEmpty();
        connection.start();
        await().until(() -> got.size() == 1);
    }

    @Test
    void listenerThatThrowsGetsTheMessageAgainRedelivered() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.listener-throws");
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                redelivered.add(m.getJMSRedelivered());
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
            if (redelivered.size() == 1) {
                throw new RuntimeException("first attempt fails");
            }
        });
        connection.start();
        session.createProducer(queue).send(session.createTextMessage("x"));
        await().until(() -> redelivered.size() == 2);
        assertThat(redelivered).containsExactly(false, true);
    }

    @Test
    void closingTheConnectionInsideAListenerIsRefused() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.close-in-listener");
        AtomicReference<Exception> failure = new AtomicReference<>();
        session.createConsumer(queue).setMessageListener(m -> {
            try {
                connection.close();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        connection.start();
        session.createProducer(queue).send(session.createTextMessage("x"));
        await().until(() -> failure.get() != null);
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void asyncSendCompletesOnTheSessionThread() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.async");
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<Exception> closeInCallback = new AtomicReference<>();
        TextMessage message = session.createTextMessage("async");
        session.createProducer(queue).send(message, new CompletionListener() {
            @Override
            public void onCompletion(Message m) {
                try {
                    session.close();
                } catch (Exception e) {
                    closeInCallback.set(e);
                }
                thread.set(Thread.currentThread().getName());
            }

            @Override
            public void onException(Message m, Exception e) {
                thread.set("failed " + e);
            }
        });
        await().until(() -> thread.get() != null);
        assertThat(thread.get()).startsWith("fieldpost-session-");
        assertThat(closeInCallback.get()).isInstanceOf(IllegalStateException.class);
        connection.start();
        assertThat(connection.createSession().createConsumer(queue).receive(5000)).isNotNull();
    }

    @Test
    void persistentSendReturnsAfterTheBrokerHasIt() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.persistent");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("p" + i));
        }
        JmsConnection jms = (JmsConnection) connection;
        assertThat(jms.topology().checkQueueExists("q.persistent")).isEqualTo(20);
    }

    @Test
    void producerRules() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.rules");
        MessageProducer identified = session.createProducer(queue);
        MessageProducer anonymous = session.createProducer(null);
        TextMessage m = session.createTextMessage("r");
        assertThatThrownBy(() -> identified.send(queue, m)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> anonymous.send(m)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> anonymous.send(null, m)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> identified.setPriority(10)).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> identified.send(m, DeliveryMode.PERSISTENT, -1, 0)).isInstanceOf(JMSException.class);
        anonymous.send(queue, m);
        identified.close();
        assertThatThrownBy(() -> identified.send(m)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidSelectorIsRefusedAtCreation() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.selector-syntax");
        assertThatThrownBy(() -> session.createConsumer(queue, "colour = "))
            .isInstanceOf(InvalidSelectorException.class);
    }

    @Test
    void closedObjectsThrowIllegalState() throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("q.closed");
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.close();
        consumer.close();
        assertThatThrownBy(consumer::receive).isInstanceOf(IllegalStateException.class);
        session.close();
        session.close();
        assertThatThrownBy(() -> session.createTextMessage("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class);
        connection.close();
        connection.close();
        assertThatThrownBy(connection::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSession()).isInstanceOf(IllegalStateException.class);
    }
}
