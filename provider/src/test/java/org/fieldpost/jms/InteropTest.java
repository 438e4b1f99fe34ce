package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RabbitMQ Java client and the JMS provider on the same queues. */
class InteropTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private com.rabbitmq.client.Connection rabbit() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(broker.port());
        factory.setUsername(BrokerExtension.USER);
        factory.setPassword(BrokerExtension.PASSWORD);
        return factory.newConnection();
    }

    @Test
    void plainAmqpMessagesArriveAsBytesOrTextMessages() throws Exception {
        try (Connection jms = broker.factory().createConnection(); com.rabbitmq.client.Connection amqp = rabbit()) {
            Session session = jms.createSession();
            var consumer = session.createConsumer(session.createQueue("interop.in"));
            jms.start();
            Channel channel = amqp.createChannel();
            channel.basicPublish("jms.queues", "interop.in", new AMQP.BasicProperties.Builder()
                .headers(Map.of("origin", "rabbit")).build(), new byte[] {7, 8});
            channel.basicPublish("jms.queues", "interop.in", new AMQP.BasicProperties.Builder()
                .contentType("text/plain").build(), "plain text".getBytes(StandardCharsets.UTF_8));
            Message bytes = consumer.receive(5000);
            assertThat(bytes).isInstanceOf(BytesMessage.class);
            assertThat(bytes.getBody(byte[].class)).containsExactly(7, 8);
            assertThat(bytes.getStringProperty("origin")).isEqualTo("rabbit");
            Message text = consumer.receive(5000);
            assertThat(text).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) text).getText()).isEqualTo("plain text");
        }
    }

    @Test
    void jmsTextMessageReachesARabbitClientWithPropertiesAsHeaders() throws Exception {
        try (Connection jms = broker.factory().createConnection(); com.rabbitmq.client.Connection amqp = rabbit()) {
            Session session = jms.createSession();
            TextMessage message = session.createTextMessage("from jms");
            message.setIntProperty("count", 3);
            message.setStringProperty("who", "jms");
            session.createProducer(session.createQueue("interop.out")).send(message);
            GetResponse response = amqp.createChannel().basicGet("interop.out", true);
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("from jms");
            assertThat(response.getProps().getHeaders()).containsEntry("count", 3);
            assertThat(response.getProps().getHeaders().get("who").toString()).isEqualTo("jms");
            assertThat(response.getProps().getMessageId()).isEqualTo(message.getJMSMessageID());
            assertThat(response.getProps().getDeliveryMode()).isEqualTo(2);
        }
    }
}
