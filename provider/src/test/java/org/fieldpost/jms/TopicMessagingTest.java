package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topics, wildcards, broadcast topics, durable and shared subscriptions, temporary destinations. */
class TopicMessagingTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    private static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(1000); m != null; m = consumer.receive(200)) {
            texts.add(text(m));
        }
        return texts;
    }

    @Test
    void topicSubscribersEachGetEveryMessageAndWildcardsWork() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            MessageConsumer exact = session.createConsumer(session.createTopic("prices.eur"));
            MessageConsumer star = session.createConsumer(session.createTopic("prices.*"));
            MessageConsumer other = session.createConsumer(session.createTopic("prices.usd"));
            MessageProducer producer = session.createProducer(session.createTopic("prices.eur"));
            producer.send(session.createTextMessage("1.08"));
            assertThat(drain(exact)).containsExactly("1.08");
            assertThat(drain(star)).containsExactly("1.08");
            assertThat(other.receive(300)).isNull();
        }
    }

    @Test
    void fanoutTopicBroadcastsToThreeSubscribers() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic broadcast = FieldpostTopic.fanout("alerts");
            List<MessageConsumer> subscribers = List.of(session.createConsumer(broadcast),
                session.createConsumer(broadcast), session.createConsumer(broadcast));
            session.createProducer(broadcast).send(session.createTextMessage("fire"));
            for (MessageConsumer subscriber : subscribers) {
                assertThat(drain(subscriber)).containsExactly("fire");
            }
        }
    }

    @Test
    void durableSubscriptionKeepsMessagesAcrossReconnect() throws JMSException {
        Topic topic = new FieldpostTopic("news.durable");
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID("durable-client");
            Session session = connection.createSession();
            session.createDurableSubscriber(topic, "sub").close();
            session.createProducer(topic).send(session.createTextMessage("while away"));
        }
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID("durable-client");
            connection.start();
            Session session = connection.createSession();
            MessageConsumer consumer = session.createDurableConsumer(topic, "sub");
            assertThat(drain(consumer)).containsExactly("while away");
            assertThatThrownBy(() -> session.unsubscribe("sub")).isInstanceOf(JMSException.class);
            consumer.close();
            session.unsubscribe("sub");
            assertThatThrownBy(() -> session.unsubscribe("sub")).isInstanceOf(InvalidDestinationException.class);
        }
    }

    @Test
    void durableSubscriptionChangingItsTopicStartsAfresh() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.setClientID("durable-change");
            Session session = connection.createSession();
            Topic first = session.createTopic("change.first");
            session.createDurableSubscriber(first, "s").close();
            session.createProducer(first).send(session.createTextMessage("old"));
            connection.start();
            MessageConsumer moved = session.createDurableSubscriber(session.createTopic("change.second"), "s");
            assertThat(moved.receive(500)).isNull();
            moved.close();
            session.unsubscribe("s");
        }
    }

    @Test
    void durableSubscriptionNeedsAClientId() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession();
            assertThatThrownBy(() -> session.createDurableSubscriber(session.createTopic("t"), "s"))
                .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sharedConsumersSplitTheSubscription() throws JMSException {
        try (Connection connection = broker.factory("prefetch=1").createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic topic = session.createTopic("shared.t");
            MessageConsumer a = session.createSharedConsumer(topic, "shared-sub");
            MessageConsumer b = session.createSharedConsumer(topic, "shared-sub");
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < 6; i++) {
                producer.send(session.createTextMessage("s" + i));
            }
            List<String> all = new ArrayList<>(drain(a));
            all.addAll(drain(b));
            assertThat(all).containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4", "s5");
        }
    }

    @Test
    void sharedSubscriptionRefusesAnotherTopicOrSelectorWhileItHasConsumers() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Topic first = session.createTopic("shared.change.first");
            Topic second = session.createTopic("shared.change.second");
            MessageConsumer active = session.createSharedConsumer(first, "changing");

            assertThatThrownBy(() -> session.createSharedConsumer(second, "changing"))
                .isInstanceOf(JMSException.class);
            assertThatThrownBy(() -> session.createSharedConsumer(first, "changing", "n = 1"))
                .isInstanceOf(JMSException.class);
            session.createSharedConsumer(first, "changing").close();
            active.close();

            // No consumer left: the subscription is gone, the name free for another topic.
            MessageConsumer moved = session.createSharedConsumer(second, "changing");
            MessageProducer producer = session.createProducer(null);
            producer.send(first, session.createTextMessage("old topic"));
            producer.send(second, session.createTextMessage("new topic"));
            assertThat(drain(moved)).containsExactly("new topic");
        }
    }

    @Test
    void sharedDurableSubscriptionOutlivesItsConsumers() throws JMSException {
        Topic topic = new FieldpostTopic("shared.durable");
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession();
            session.createSharedDurableConsumer(topic, "sd").close();
            session.createProducer(topic).send(session.createTextMessage("kept"));
            connection.start();
            MessageConsumer consumer = session.createSharedDurableConsumer(topic, "sd");
            assertThat(drain(consumer)).containsExactly("kept");
            consumer.close();
            session.unsubscribe("sd");
        }
    }

    @Test
    void temporaryQueueLivesWithItsConnection() throws JMSException {
        try (Connection owner = broker.factory().createConnection();
             Connection other = broker.factory().createConnection()) {
            owner.start();
            Session session = owner.createSession();
            TemporaryQueue queue = session.createTemporaryQueue();
            assertThat(queue.getQueueName()).startsWith("fieldpost.tmp.");
            Session otherSession = other.createSession();
            otherSession.createProducer(queue).send(otherSession.createTextMessage("reply"));
            assertThatThrownBy(() -> otherSession.createConsumer(queue)).isInstanceOf(JMSException.class);
            MessageConsumer consumer = session.createConsumer(queue);
            assertThat(text(consumer.receive(5000))).isEqualTo("reply");
            assertThatThrownBy(queue::delete).isInstanceOf(JMSException.class);
            consumer.close();
            queue.delete();
            assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(JMSException.class);
        }
    }

    @Test
    void temporaryTopicDeliversToItsSubscribers() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            TemporaryTopic topic = session.createTemporaryTopic();
            MessageConsumer consumer = session.createConsumer(topic);
            session.createProducer(topic).send(session.createTextMessage("t"));
            assertThat(text(consumer.receive(5000))).isEqualTo("t");
            assertThatThrownBy(topic::delete).isInstanceOf(JMSException.class);
            consumer.close();
            topic.delete();
        }
    }

    @Test
    void replyToATemporaryQueue() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage request = session.createTextMessage("ping");
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue("requests")).send(request);
            Message got = session.createConsumer(session.createQueue("requests")).receive(5000);
            session.createProducer(got.getJMSReplyTo()).send(session.createTextMessage("pong"));
            assertThat(text(session.createConsumer(replies).receive(5000))).isEqualTo("pong");
        }
    }
}
