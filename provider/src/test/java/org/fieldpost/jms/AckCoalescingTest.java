package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.jms.amqp.IoThreadBlocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AUTO_ACKNOWLEDGE acks are built when the I/O thread writes them, so messages consumed while it is
 * busy are settled by one {@code multiple} ack. Counted in bytes on the wire, through a proxy.
 */
class AckCoalescingTest {
    /** A basic.ack frame: 7 bytes of frame header, class and method ids, the tag, the bits, the end octet. */
    private static final int ACK_FRAME = 7 + 4 + 8 + 1 + 1;
    private static final int MESSAGES = 10;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void messagesConsumedWhileTheIoThreadIsBusyAreAckedByOneFrame() throws Exception {
        Queue queue = sendTransient("ack.coalescing", MESSAGES);
        try (PausableProxy proxy = new PausableProxy(broker.port());
             Connection connection = new FieldpostConnectionFactory("amqp://u:p@127.0.0.1:" + proxy.port())
                 .createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            JmsMessageConsumer consumer = (JmsMessageConsumer) session.createConsumer(queue);
            connection.start();
            await().atMost(DEADLINE).until(() -> consumer.bufferedCount() == MESSAGES);
            long roundTrip = roundTripBytes(connection, proxy);

            long before = proxy.forwardedBytes();
            try (IoThreadBlocker held = IoThreadBlocker.blockAll()) {
                for (int i = 0; i < MESSAGES; i++) {
                    Message message = consumer.receiveNoWait();
                    assertThat(message).as("message %d, buffered before the I/O threads were held", i).isNotNull();
                }
            }
            roundTripBytes(connection, proxy); // written after the acks, so they have gone through by its end
            long ackBytes = proxy.forwardedBytes() - before - roundTrip;

            assertThat(ackBytes).as("bytes of acks for %d messages", MESSAGES)
                .isEqualTo(ACK_FRAME);
            MessageQueue onBroker = broker.broker().virtualHost("/").queue("ack.coalescing");
            await().atMost(DEADLINE).until(() -> onBroker.messageCount() == 0 && onBroker.unacknowledgedCount() == 0);
        }
    }

    /** Opens and closes a session: a round trip that is written after everything queued before it. */
    private static long roundTripBytes(Connection connection, PausableProxy proxy) throws JMSException {
        long before = proxy.forwardedBytes();
        connection.createSession(Session.AUTO_ACKNOWLEDGE).close();
        return proxy.forwardedBytes() - before;
    }

    private static Queue sendTransient(String name, int count) throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(name);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            return queue;
        }
    }
}
