package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fieldpost.jms.TestSends.listener;
import static org.fieldpost.jms.TestSends.nonPersistent;
import static org.fieldpost.jms.TestSends.numbered;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.StoreType;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueMemory;
import org.fieldpost.jms.amqp.ClientConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer flow control against a broker with a small memory limit. Non-persistent messages to a queue
 * nobody consumes take the broker over its limit; it sends {@code connection.blocked} and stops reading
 * the publishing connection. Sends then wait — or time out, or fail when closed — until a consumer
 * drains the queue and the broker sends {@code connection.unblocked}. Consumers use connections of
 * their own: the broker blocks the whole publishing connection.
 */
class ProducerFlowControlTest {
    private static final int LIMIT = 256 * 1024;
    private static final int BODY = 8 * 1024;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /**
     * 160 MiB, far more than the broker's limit plus what socket buffers hold: a sender that gets this far
     * was never held back (and a test without flow control fails instead of exhausting the heap).
     */
    private static final int MAX_SENDS = 20_000;
    /** The broker does not read a blocked connection's close handshake either: keep the wait for it short. */
    private static final String CLOSE_FAST = "closeTimeout=1000";

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.memoryLimit(LIMIT));

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        // A purge unblocks connections, which may then hand the broker what their sockets still held.
        await().atMost(DEADLINE).until(() -> {
            broker.broker().virtualHost("/").queues().forEach(MessageQueue::purge);
            return !memory().overLimit() && broker.broker().connectionCount() == 0;
        });
    }

    @Test
    void aSendWaitsWhileTheBrokerBlocksAndEveryMessageArrivesOnce() throws Exception {
        Connection connection = connect(CLOSE_FAST);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = nonPersistent(session, "flow.blocked");
        SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));

        awaitParkedWhileBlocked(connection, sender);
        sender.stop();
        List<Object> received = consume("flow.blocked");

        int total = within(sender.done());
        awaitDrained("flow.blocked", received, total);
        assertThat(received).containsExactlyElementsOf(numbers(total));
        await().atMost(DEADLINE).until(() -> !amqp(connection).isBlocked());
    }

    @Test
    void asyncTransactedAndPersistentSendsWaitToo() throws Exception {
        Connection connection = connect(CLOSE_FAST);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = nonPersistent(session, "flow.paths");
        // Sessions first: a blocked connection does not open channels either.
        Session asyncSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer asyncProducer = nonPersistent(asyncSession, "flow.paths");
        Session txSession = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer txProducer = nonPersistent(txSession, "flow.paths");
        Session persistentSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer persistentProducer = persistentSession.createProducer(persistentSession.createQueue(
            "flow.paths"));
        SendLoop filler = SendLoop.start("filler", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));
        awaitParkedWhileBlocked(connection, filler);
        filler.stop();

        CompletableFuture<Message> completed = new CompletableFuture<>();
        SendLoop async = SendLoop.start("async", 1, n -> asyncProducer.send(tagged(asyncSession, "async"),
            listener(completed)));
        SendLoop transacted = SendLoop.start("transacted", 1, n -> txProducer.send(tagged(txSession, "tx")));
        SendLoop persistent = SendLoop.start("persistent", 1,
            n -> persistentProducer.send(tagged(persistentSession, "persistent")));

        await().atMost(DEADLINE).until(() -> async.waitsForFlowControl() && transacted.waitsForFlowControl()
            && persistent.waitsForFlowControl());
        assertThat(amqp(connection).isBlocked()).isTrue();
        assertThat(List.of(async.done(), transacted.done(), persistent.done(), completed)).noneMatch(
            CompletableFuture::isDone);

        List<Object> received = consume("flow.paths");
        assertThat(within(async.done())).isOne();
        assertThat(within(transacted.done())).isOne();
        assertThat(within(persistent.done())).isOne();
        txSession.commit();
        assertThat(within(completed).getStringProperty("path")).isEqualTo("async");
        int total = within(filler.done());
        awaitDrained("flow.paths", received, total + 3);
        assertThat(received.stream().filter(Integer.class::isInstance)).containsExactlyElementsOf(numbers(total));
        assertThat(received.stream().filter(String.class::isInstance))
            .containsExactlyInAnyOrder("async", "tx", "persistent");
    }

    @Test
    void sendTimeoutFailsABlockedSendAndItsMessageIsNeverSent() throws Exception {
        Connection connection = connect(CLOSE_FAST + "&sendTimeout=500");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = nonPersistent(session, "flow.timeout");
        SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));

        assertThat(failure(sender)).isInstanceOf(ResourceAllocationException.class)
            .hasMessageContaining("blocked").hasMessageContaining("not sent").hasMessageContaining("sendTimeout");
        int timedOut = sender.sent();
        assertThat(amqp(connection).isBlocked()).isTrue();

        List<Object> received = consume("flow.timeout");
        awaitDrained("flow.timeout", received, timedOut);
        await().atMost(DEADLINE).until(() -> !amqp(connection).isBlocked());
        producer.send(numbered(session, timedOut + 1, BODY));
        awaitDrained("flow.timeout", received, timedOut + 1);
        List<Integer> expected = new ArrayList<>(numbers(timedOut));
        expected.add(timedOut + 1);
        assertThat(received).as("all but the message that timed out").containsExactlyElementsOf(expected);
    }

    @Test
    void closingTheConnectionReleasesABlockedSender() throws Exception {
        Connection connection = connect(CLOSE_FAST);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = nonPersistent(session, "flow.close");
        SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));
        awaitParkedWhileBlocked(connection, sender);
        int parked = sender.sent();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                connection.close();
            } catch (JMSException e) {
                throw new IllegalArgumentException(e);
            }
        });
        assertThat(failure(sender)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not sent");
        within(closed);

        // What was already on its way may have arrived; the parked message never does.
        List<Object> received = consume("flow.close");
        await().atMost(DEADLINE).until(() -> queue("flow.close").messageCount() == 0
            && queue("flow.close").unacknowledgedCount() == 0);
        assertThat(received).containsExactlyElementsOf(numbers(received.size()));
        assertThat(received.size()).isLessThanOrEqualTo(parked);
    }

    @Test
    void losingTheConnectionFailsABlockedSender(@TempDir Path data) throws Exception {
        EmbeddedBroker victim = EmbeddedBroker.builder().port(0).dataDirectory(data).store(StoreType.MEMORY)
            .user(BrokerExtension.USER, BrokerExtension.PASSWORD).memoryLimit(LIMIT).ioThreads(1).build().start();
        Connection connection = new FieldpostConnectionFactory("amqp://u:p@127.0.0.1:" + victim.port() + "?"
            + CLOSE_FAST).createConnection();
        resources.add(connection);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = nonPersistent(session, "flow.lost");
        SendLoop sender = SendLoop.start("sender", MAX_SENDS, n -> producer.send(numbered(session, n, BODY)));
        await().atMost(DEADLINE).until(() -> sender.done().isDone()
            || amqp(connection).isBlocked() && sender.waitsForFlowControl());
        assertThat(sender.done()).as("a send is still waiting").isNotDone();

        victim.close();
        assertThat(failure(sender)).isInstanceOf(JMSException.class).isNotInstanceOf(IllegalStateException.class);
    }

    @Test
    void jmsContextSendTimesOutWithJmsRuntimeException() throws Exception {
        JMSContext context = broker.factory(CLOSE_FAST + "&sendTimeout=500").createContext();
        resources.add(context);
        Queue queue = context.createQueue("flow.context");
        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        SendLoop sender = SendLoop.start("sender", MAX_SENDS,
            n -> producer.setProperty("n", n).send(queue, new byte[BODY]));

        assertThat(failure(sender)).isInstanceOf(JMSRuntimeException.class)
            .isInstanceOf(ResourceAllocationRuntimeException.class)
            .hasMessageContaining("not sent").hasMessageContaining("sendTimeout");
        assertThat(amqp(context).isBlocked()).isTrue();
        assertThat(memory().overLimit()).isTrue();

        int timedOut = sender.sent();
        List<Object> received = consume("flow.context");
        awaitDrained("flow.context", received, timedOut);
        assertThat(received).containsExactlyElementsOf(numbers(timedOut));
    }

    // ---- helpers

    private Connection connect(String options) throws JMSException {
        Connection connection = broker.factory(options).createConnection();
        resources.add(connection);
        return connection;
    }

    private static Message tagged(Session session, String path) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[BODY]);
        message.setStringProperty("path", path);
        return message;
    }

    private static List<Integer> numbers(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toList());
    }

    private static ClientConnection amqp(Connection connection) {
        return ((JmsConnection) connection).amqp();
    }

    private static ClientConnection amqp(JMSContext context) {
        return ((JmsContext) context).session().connection().amqp();
    }

    private static <T> T within(CompletableFuture<T> future) throws Exception {
        return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the last send of {@code sender} threw (waits for it). */
    private static Throwable failure(SendLoop sender) throws Exception {
        Throwable failure = within(sender.done().handle((n, e) -> e));
        assertThat(failure).as("a send failed").isNotNull();
        return failure;
    }

    private static QueueMemory memory() {
        return broker.broker().virtualHost("/").config().memory();
    }

    private static MessageQueue queue(String name) {
        return broker.broker().virtualHost("/").queue(name);
    }

    /**
     * Waits until the broker has blocked {@code connection} and {@code sender} is parked inside a send;
     * then the send has not returned although the broker is over its limit.
     */
    private static void awaitParkedWhileBlocked(Connection connection, SendLoop sender) {
        await().atMost(DEADLINE).until(() -> sender.done().isDone()
            || amqp(connection).isBlocked() && sender.waitsForFlowControl());
        assertThat(sender.done()).as("a send is still waiting").isNotDone();
        assertThat(memory().overLimit()).as("the broker is over its memory limit").isTrue();
        assertThat(amqp(connection).isBlocked()).isTrue();
    }

    /**
     * Consumes {@code queue} on a connection of its own, collecting each message's {@code n} (or its
     * {@code path} for messages without one).
     */
    private List<Object> consume(String queue) throws JMSException {
        List<Object> received = new CopyOnWriteArrayList<>();
        Connection connection = connect("");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(queue)).setMessageListener(m -> {
            try {
                received.add(m.propertyExists("n") ? m.getIntProperty("n") : m.getStringProperty("path"));
            } catch (JMSException e) {
                received.add(e);
            }
        });
        connection.start();
        return received;
    }

    /** Waits until {@code count} messages arrived and the broker holds none of {@code queue} any more. */
    private static void awaitDrained(String queue, List<Object> received, int count) {
        await().atMost(DEADLINE).until(() -> received.size() >= count && queue(queue).messageCount() == 0
            && queue(queue).unacknowledgedCount() == 0);
    }
}
