package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** QueueSession refuses the topic-only methods and TopicSession the queue-only ones (their Javadoc). */
class SessionDomainTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void queueSessionRefusesTopicMethods() throws Exception {
        try (QueueConnection connection = broker.factory().createQueueConnection()) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = new FieldpostTopic("domain.t");

            assertThatThrownBy(() -> session.createDurableSubscriber(topic, "d"))
                .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.createDurableSubscriber(topic, "d", "a = 1", false))
                .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(session::createTemporaryTopic).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.createTopic("t")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.unsubscribe("d")).isInstanceOf(IllegalStateException.class);
            assertThat(session.createQueue("domain.q").getQueueName()).isEqualTo("domain.q");
        }
    }

    @Test
    void topicSessionRefusesQueueMethods() throws Exception {
        try (TopicConnection connection = broker.factory().createTopicConnection()) {
            TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);

            assertThatThrownBy(() -> session.createBrowser(new FieldpostQueue("q")))
                .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
            assertThat(session.createTopic("domain.t").getTopicName()).isEqualTo("domain.t");
        }
    }

    @Test
    void plainSessionAllowsBoth() throws Exception {
        try (var connection = broker.factory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createQueue("q").getQueueName()).isEqualTo("q");
            assertThat(session.createTopic("t").getTopicName()).isEqualTo("t");
        }
    }
}
