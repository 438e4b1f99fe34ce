package org.fieldpost.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every name the TCK looks up resolves, through the same {@code jndi.properties}, to a working object
 * of the broker {@link BrokerSessionListener} started for this JVM.
 */
class JndiBindingsTest {

    private InitialContext jndi;

    @BeforeEach
    void openContext() throws NamingException {
        jndi = new InitialContext();
    }

    @AfterEach
    void closeContext() throws NamingException {
        jndi.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyConnectionFactory", "MyQueueConnectionFactory", "MyTopicConnectionFactory",
        "DURABLE_SUB_CONNECTION_FACTORY"})
    void connectionFactoriesServeTheTckUserAndAnonymousConnections(String name) throws Exception {
        Object factory = jndi.lookup(name);

        assertThat(factory).isInstanceOf(ConnectionFactory.class).isInstanceOf(QueueConnectionFactory.class)
            .isInstanceOf(TopicConnectionFactory.class);
        // One after the other: two connections of DURABLE_SUB_CONNECTION_FACTORY may not share client id cts.
        try (Connection tck = ((ConnectionFactory) factory).createConnection(TckBroker.TCK_USER, TckBroker.TCK_USER)) {
            assertThat(tck.getMetaData().getJMSVersion()).isEqualTo("3.1");
        }
        try (Connection anonymous = ((ConnectionFactory) factory).createConnection()) {
            assertThat(anonymous.createSession()).isNotNull();
        }
    }

    @Test
    void durableSubscriptionFactoryHasTheAdministeredClientIdCts() throws Exception {
        TopicConnectionFactory factory = (TopicConnectionFactory) jndi.lookup("DURABLE_SUB_CONNECTION_FACTORY");

        try (TopicConnection connection = factory.createTopicConnection(TckBroker.TCK_USER, TckBroker.TCK_USER)) {
            assertThat(connection.getClientID()).isEqualTo("cts");
            assertThatThrownBy(() -> connection.setClientID("other")).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY_QUEUE", "MY_QUEUE2", "Q2", "testQueue2", "testQ0", "testQ1", "testQ2"})
    void queuesAreBoundUnderTheirOwnNames(String name) throws NamingException {
        assertThat(jndi.lookup(name)).isInstanceOfSatisfying(Queue.class,
            queue -> assertThat(queueName(queue)).isEqualTo(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MY_TOPIC", "MY_TOPIC2", "testT0", "testT1", "testT2"})
    void topicsAreBoundUnderTheirOwnNames(String name) throws NamingException {
        assertThat(jndi.lookup(name)).isInstanceOfSatisfying(Topic.class,
            topic -> assertThat(topicName(topic)).isEqualTo(name));
    }

    private static String queueName(Queue queue) {
        try {
            return queue.getQueueName();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    private static String topicName(Topic topic) {
        try {
            return topic.getTopicName();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
