package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.jms.TestSends.listener;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A temporary topic is an exclusive exchange of its connection: any connection publishes to it, only the owner
 * subscribes, and it goes with {@code delete()} or the owner's close. The RabbitMQ client plays the other
 * connection that does not go through the provider's own checks.
 */
class TemporaryTopicTest {
    private static final int RESOURCE_LOCKED = 405;
    private static final int NOT_FOUND = 404;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void messagesFromAnyConnectionReachOnlyTheOwnersSubscribers() throws Exception {
        try (Connection owner = broker.factory().createConnection();
             Connection other = broker.factory().createConnection();
             com.rabbitmq.client.Connection rabbit = rabbit()) {
            Session session = owner.createSession();
            TemporaryTopic topic = session.createTemporaryTopic();
            String name = topic.getTopicName();
            MessageConsumer subscriber = session.createConsumer(topic);
            owner.start();
            // An eavesdropper binds a queue where temporary topics used to be routed, and to the topic itself.
            Channel channel = rabbit.createChannel();
            String spy = channel.queueDeclare().getQueue();
            channel.queueBind(spy, "jms.topics", name);
            assertThat(replyCode(rabbit, c -> c.queueBind(c.queueDeclare().getQueue(), name, "")))
                .isEqualTo(RESOURCE_LOCKED);
            Session otherSession = other.createSession();
            assertThatThrownBy(() -> otherSession.createConsumer(topic))
                .isInstanceOf(InvalidDestinationException.class);
            assertThatThrownBy(() -> otherSession.createSharedConsumer(topic, "s"))
                .isInstanceOf(InvalidDestinationException.class);

            otherSession.createProducer(topic).send(otherSession.createTextMessage("from another connection"));
            session.createProducer(topic).send(session.createTextMessage("from the owner"));

            assertThat(text(subscriber.receive(5000))).isEqualTo("from another connection");
            assertThat(text(subscriber.receive(5000))).isEqualTo("from the owner");
            assertThat(channel.basicGet(spy, true)).as("what the eavesdropper got").isNull();
            assertThat(channel.messageCount(spy)).isZero();
        }
    }

    @Test
    void deleteIsRefusedWhileSubscribedThenRemovesTheExchangeAndLaterSendsAreDropped() throws Exception {
        try (Connection owner = broker.factory().createConnection();
             Connection other = broker.factory().createConnection();
             com.rabbitmq.client.Connection rabbit = rabbit()) {
            Session session = owner.createSession();
            TemporaryTopic topic = session.createTemporaryTopic();
            String name = topic.getTopicName();
            assertThat(replyCode(rabbit, c -> c.exchangeDeclarePassive(name))).as("exists, owned by another")
                .isEqualTo(RESOURCE_LOCKED);
            MessageConsumer subscriber = session.createConsumer(topic);

            assertThatThrownBy(topic::delete).isInstanceOf(IllegalStateException.class);
            assertThat(replyCode(rabbit, c -> c.exchangeDeclarePassive(name))).isEqualTo(RESOURCE_LOCKED);

            subscriber.close();
            topic.delete();
            assertThat(replyCode(rabbit, c -> c.exchangeDeclarePassive(name))).isEqualTo(NOT_FOUND);
            assertThatThrownBy(() -> session.createConsumer(topic)).isInstanceOf(InvalidDestinationException.class);

            // As to a deleted temporary queue, sends succeed and the messages go nowhere.
            session.createProducer(topic).send(session.createTextMessage("dropped"));
            Session otherSession = other.createSession();
            MessageProducer producer = otherSession.createProducer(null);
            producer.send(topic, otherSession.createTextMessage("dropped"));
            CompletableFuture<Message> completed = new CompletableFuture<>();
            producer.send(topic, otherSession.createTextMessage("dropped too"), listener(completed));
            assertThat(text(completed.get(5, TimeUnit.SECONDS))).isEqualTo("dropped too");
            assertSessionsStillWork(session, otherSession, other);
        }
    }

    @Test
    void theTopicGoesWithItsConnection() throws Exception {
        try (com.rabbitmq.client.Connection rabbit = rabbit();
             Connection other = broker.factory().createConnection()) {
            TemporaryTopic topic;
            try (Connection owner = broker.factory().createConnection()) {
                topic = owner.createSession().createTemporaryTopic();
                String name = topic.getTopicName();
                assertThat(replyCode(rabbit, c -> c.exchangeDeclarePassive(name))).isEqualTo(RESOURCE_LOCKED);
            }
            String name = topic.getTopicName();
            assertThat(replyCode(rabbit, c -> c.exchangeDeclarePassive(name))).isEqualTo(NOT_FOUND);

            Session session = other.createSession();
            session.createProducer(topic).send(session.createTextMessage("dropped"));
            assertSessionsStillWork(session, session, other);
        }
    }

    // ---- helpers

    /** Neither session's channel was closed by a publish to a missing exchange. */
    private static void assertSessionsStillWork(Session one, Session two, Connection twosConnection)
        throws JMSException {
        String queue = "temp-topic.after." + System.nanoTime();
        for (Session s : new Session[] {one, two}) {
            s.createProducer(s.createQueue(queue)).send(s.createTextMessage("still here"));
        }
        MessageConsumer consumer = two.createConsumer(two.createQueue(queue));
        twosConnection.start();
        assertThat(text(consumer.receive(5000))).isEqualTo("still here");
        assertThat(text(consumer.receive(5000))).isEqualTo("still here");
    }

    private static String text(Message message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    private static com.rabbitmq.client.Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.port());
        factory.setUsername(BrokerExtension.USER);
        factory.setPassword(BrokerExtension.PASSWORD);
        return factory.newConnection();
    }

    /** An AMQP call on a fresh channel of {@code rabbit}. */
    @FunctionalInterface
    private interface ChannelCall {
        void run(Channel channel) throws IOException;
    }

    /** The reply code of the channel error {@code call} caused, or 200 when it succeeded. */
    private static int replyCode(com.rabbitmq.client.Connection rabbit, ChannelCall call) throws Exception {
        Channel channel = rabbit.createChannel();
        try {
            call.run(channel);
            channel.close();
            return 200;
        } catch (IOException e) {
            ShutdownSignalException signal = (ShutdownSignalException) e.getCause();
            return ((com.rabbitmq.client.AMQP.Channel.Close) signal.getReason()).getReplyCode();
        }
    }
}
