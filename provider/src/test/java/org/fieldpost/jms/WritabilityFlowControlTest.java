package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fieldpost.jms.amqp.ClientConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Producer flow control without {@code connection.blocked}: when the broker reads slower than the
 * application sends (here a proxy stops forwarding), the socket fills and sends wait on the client's
 * write buffer water marks instead of piling messages up in the client's memory.
 */
class WritabilityFlowControlTest {
    private static final int BODY = 32 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Far more than the socket buffers and the client's water marks hold. */
    private static final int MAX_SENDS = 2000;
    /** Sent but not forwarded: the kernel's send buffer (at most 4 MiB here) plus the client's 512 KiB. */
    private static final long MAX_BACKLOG = 16L * 1024 * 1024;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void sendsWaitWhileTheSocketIsFullAndTheBacklogStaysBounded() throws Exception {
        try (PausableProxy proxy = new PausableProxy(broker.port());
             Connection producing = new FieldpostConnectionFactory("amqp://u:p@127.0.0.1:" + proxy.port()
                 + "?closeTimeout=1000").createConnection();
             Connection consuming = broker.factory().createConnection()) {
            Session session = producing.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("flow.writability"));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            proxy.pause();
            SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n)));

            await().atMost(DEADLINE).until(() -> sender.done().isDone() || sender.waitsForFlowControl());
            ClientConnection amqp = ((JmsConnection) producing).amqp();
            assertThat(sender.done()).as("a send is waiting").isNotDone();
            assertThat(amqp.isBlocked()).as("the broker never blocked").isFalse();
            assertThat(amqp.whenPublishable()).isNotDone();
            assertThat((long) sender.sent() * BODY - proxy.forwardedBytes()).as("bytes sent but not forwarded")
                .isLessThan(MAX_BACKLOG);

            sender.stop();
            proxy.resume();
            int total = sender.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            Session receiving = consuming.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = receiving.createConsumer(receiving.createQueue("flow.writability"));
            consuming.start();
            for (int n = 0; n < total; n++) {
                Message message = consumer.receive(DEADLINE.toMillis());
                assertThat(message).as("message %d", n).isNotNull();
                assertThat(message.getIntProperty("n")).isEqualTo(n);
            }
            assertThat(consumer.receiveNoWait()).isNull();
        }
    }

    private static BytesMessage numbered(Session session, int n) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[BODY]);
        message.setIntProperty("n", n);
        return message;
    }
}
