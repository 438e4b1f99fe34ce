package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.jms.TestSends.listener;
import static org.fieldpost.jms.TestSends.nonPersistent;
import static org.fieldpost.jms.TestSends.numbered;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.queue.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a session or connection while one of its sends is parked in producer flow control and an
 * asynchronous send still waits for its confirm: the parked send is released first (it fails, its message
 * never sent), and only then does the close wait for the confirm. A proxy that stops forwarding to the broker
 * keeps the socket full (so the send parks) and the confirm away (so the close has to wait for it).
 */
class CloseWithParkedSendTest {
    /** More than the 8 KiB the proxy may still forward once paused: the broker never sees a whole message. */
    private static final int BODY = 32 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Far more than the socket buffers and the client's water marks hold. */
    private static final int MAX_SENDS = 2000;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void closingTheSessionFailsTheParkedSendBeforeItWaitsForTheConfirm() throws Exception {
        try (PausableProxy proxy = new PausableProxy(broker.port());
             Connection connection = viaProxy(proxy)) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = nonPersistent(session, "close.parked.session");
            CompletableFuture<Message> confirmed = new CompletableFuture<>();
            proxy.pause();
            SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> {
                if (n == 0) {
                    producer.send(numbered(session, n, BODY), listener(confirmed));
                } else {
                    producer.send(numbered(session, n, BODY));
                }
            });
            awaitParked(sender, confirmed);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> close(session));
            assertParkedSendFailsWhileCloseWaits(sender, closed, confirmed);

            proxy.resume();
            within(closed);
            assertThat(within(confirmed).getIntProperty("n")).isZero();
            assertOnlySentMessagesArrive("close.parked.session", sender.sent());
        }
    }

    @Test
    void closingTheConnectionFailsAParkedSendOfAnotherSessionFirst() throws Exception {
        try (PausableProxy proxy = new PausableProxy(broker.port());
             Connection connection = viaProxy(proxy)) {
            // The first session holds the unconfirmed send, so the connection closes it first and waits there.
            Session asyncSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer asyncProducer = nonPersistent(asyncSession, "close.parked.connection");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = nonPersistent(session, "close.parked.connection");
            CompletableFuture<Message> confirmed = new CompletableFuture<>();
            proxy.pause();
            BytesMessage async = asyncSession.createBytesMessage();
            async.writeBytes(new byte[BODY]);
            async.setIntProperty("n", -1);
            asyncProducer.send(async, listener(confirmed));
            SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));
            awaitParked(sender, confirmed);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> close(connection));
            assertParkedSendFailsWhileCloseWaits(sender, closed, confirmed);

            proxy.resume();
            within(closed);
            assertThat(within(confirmed).getIntProperty("n")).isEqualTo(-1);
        }
    }

    // ---- helpers

    private static Connection viaProxy(PausableProxy proxy) throws JMSException {
        return new FieldpostConnectionFactory("amqp://u:p@127.0.0.1:" + proxy.port() + "?closeTimeout=1000")
            .createConnection();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Waits until {@code sender} is parked in flow control with the asynchronous send unconfirmed. */
    private static void awaitParked(SendLoop sender, CompletableFuture<Message> confirmed) {
        await().atMost(DEADLINE).until(() -> sender.done().isDone() || sender.waitsForFlowControl());
        assertThat(sender.done()).as("a send is parked in flow control").isNotDone();
        assertThat(confirmed).as("the asynchronous send is unconfirmed").isNotDone();
    }

    /** The parked send fails while the close still waits for the confirm the paused proxy holds back. */
    private static void assertParkedSendFailsWhileCloseWaits(SendLoop sender, CompletableFuture<Void> closed,
        CompletableFuture<Message> confirmed) throws Exception {
        Throwable failure = within(sender.done().handle((n, e) -> e));
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("not sent");
        assertThat(closed).as("close waits for the confirm").isNotDone();
        assertThat(confirmed).isNotDone();
    }

    /** Messages 0 to {@code sent - 1} arrive, in order; the parked one ({@code sent}) never does. */
    private static void assertOnlySentMessagesArrive(String queue, int sent) throws Exception {
        MessageQueue onBroker = broker.broker().virtualHost("/").queue(queue);
        await().atMost(DEADLINE).until(() -> onBroker.messageCount() >= sent);
        assertThat(onBroker.messageCount()).as("messages on the broker after the close").isEqualTo(sent);
        try (Connection consuming = broker.factory().createConnection()) {
            Session session = consuming.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            consuming.start();
            for (int n = 0; n < sent; n++) {
                Message message = consumer.receive(DEADLINE.toMillis());
                assertThat(message).as("message %d", n).isNotNull();
                assertThat(message.getIntProperty("n")).isEqualTo(n);
            }
        }
    }

    private static <T> T within(CompletableFuture<T> future) throws Exception {
        return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
