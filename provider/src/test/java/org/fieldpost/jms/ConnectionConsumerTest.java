package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldpost.broker.queue.MessageQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection consumers with a miniature application server ({@link TestServerSessionPool}): batches of at most
 * {@code maxMessages} go to server sessions, {@code Session.run()} delivers them, and they are acknowledged per the
 * server session's mode.
 */
class ConnectionConsumerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void queueMessagesReachServerSessionsExactlyOnceInBatchesOfAtMostMaxMessages() throws Exception {
        Connection connection = connect("");
        List<Integer> received = new CopyOnWriteArrayList<>();
        TestServerSessionPool pool = pool(new TestServerSessionPool(connection, 4, m -> received.add(number(m))));
        Session session = connection.createSession();
        ConnectionConsumer consumer = connection.createConnectionConsumer(session.createQueue("cc.queue"), null,
            pool, 5);
        assertThat(consumer.getServerSessionPool()).isSameAs(pool);
        connection.start();
        send(session, session.createQueue("cc.queue"), 0, 200);

        await().atMost(DEADLINE).until(() -> received.size() >= 200);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(0, 200));
        assertThat(pool.batchSizes()).allMatch(size -> size >= 1 && size <= 5);
        assertThat(new HashSet<>(pool.sessionsThatRan())).as("server sessions used").hasSizeGreaterThan(1);
        assertThat(pool.failures()).isEmpty();
        await().atMost(DEADLINE).until(() -> queue("cc.queue").messageCount() == 0
            && queue("cc.queue").unacknowledgedCount() == 0);
    }

    @Test
    void aSelectorFiltersInTheBrokerForQueuesAndTopics() throws Exception {
        Connection connection = connect("");
        List<Integer> fromQueue = new CopyOnWriteArrayList<>();
        List<Integer> fromTopic = new CopyOnWriteArrayList<>();
        Session session = connection.createSession();
        Topic topic = session.createTopic("cc.selector.topic");
        connection.createConnectionConsumer(session.createQueue("cc.selector"), "n >= 5",
            pool(new TestServerSessionPool(connection, 2, m -> fromQueue.add(number(m)))), 3);
        connection.createConnectionConsumer(topic, "n < 2",
            pool(new TestServerSessionPool(connection, 2, m -> fromTopic.add(number(m)))), 3);
        connection.start();
        send(session, session.createQueue("cc.selector"), 0, 10);
        send(session, topic, 0, 10);

        await().atMost(DEADLINE).until(() -> fromQueue.size() >= 5 && fromTopic.size() >= 2);
        assertThat(fromQueue).containsExactlyInAnyOrder(5, 6, 7, 8, 9);
        assertThat(fromTopic).containsExactlyInAnyOrder(0, 1);
        assertThat(queue("cc.selector").messageCount()).as("left for other consumers").isEqualTo(5);
    }

    @Test
    void aDurableConnectionConsumerKeepsItsMessagesAcrossCloseAndReopen() throws Exception {
        Connection connection = connect("clientId=cc-durable");
        List<Integer> received = new CopyOnWriteArrayList<>();
        TestServerSessionPool pool = pool(new TestServerSessionPool(connection, 2, m -> received.add(number(m))));
        Session session = connection.createSession();
        Topic topic = session.createTopic("cc.durable");
        connection.start();
        ConnectionConsumer first = connection.createDurableConnectionConsumer(topic, "sub", null, pool, 2);
        send(session, topic, 0, 3);
        await().atMost(DEADLINE).until(() -> received.size() >= 3);
        first.close();
        assertThatThrownBy(first::getServerSessionPool).isInstanceOf(IllegalStateException.class);

        send(session, topic, 3, 7);
        ConnectionConsumer second = connection.createDurableConnectionConsumer(topic, "sub", null, pool, 2);
        await().atMost(DEADLINE).until(() -> received.size() >= 7);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(0, 7));
        second.close();
        session.unsubscribe("sub");
    }

    @Test
    void sharedSubscriptionsSplitTheirMessagesBetweenConnectionConsumers() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        Connection one = connect("clientId=cc-shared");
        Connection two = connect("");
        Session session = one.createSession();
        Topic topic = session.createTopic("cc.shared");
        one.createSharedDurableConnectionConsumer(topic, "both", null,
            pool(new TestServerSessionPool(one, 2, m -> received.add(number(m)))), 4);
        one.createSharedConnectionConsumer(topic, "plain", "n < 0",
            pool(new TestServerSessionPool(one, 1, m -> received.add(-1))), 4);
        two.createSharedConnectionConsumer(topic, "plain", "n < 0",
            pool(new TestServerSessionPool(two, 1, m -> received.add(-1))), 4);
        one.start();
        two.start();
        send(session, topic, 0, 40);

        await().atMost(DEADLINE).until(() -> received.size() >= 40);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(0, 40));
    }

    @Test
    void closeGivesUnprocessedMessagesBackForAnotherConsumer() throws Exception {
        Connection connection = connect("");
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> processed = new CopyOnWriteArrayList<>();
        TestServerSessionPool pool = pool(new TestServerSessionPool(connection, 1, m -> {
            processed.add(number(m));
            awaitQuietly(release);
        }));
        Session session = connection.createSession();
        ConnectionConsumer consumer = connection.createConnectionConsumer(session.createQueue("cc.close"), null,
            pool, 1);
        connection.start();
        send(session, session.createQueue("cc.close"), 0, 20);
        await().atMost(DEADLINE).until(() -> processed.size() == 1
            && queue("cc.close").unacknowledgedCount() == 20);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                consumer.close();
            } catch (JMSException e) {
                throw new IllegalArgumentException(e);
            }
        });
        // The consumer is cancelled and its buffered messages are back before the one in progress is done.
        await().atMost(DEADLINE).until(() -> queue("cc.close").consumerCount() == 0
            && queue("cc.close").messageCount() == 19);
        release.countDown();
        closed.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

        Connection other = connect("");
        Session otherSession = other.createSession();
        MessageConsumer plain = otherSession.createConsumer(otherSession.createQueue("cc.close"));
        other.start();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            Message message = plain.receive(DEADLINE.toMillis());
            assertThat(message).as("message %d of the rest", i).isNotNull();
            rest.add(number(message));
        }
        rest.addAll(processed);
        assertThat(rest).containsExactlyInAnyOrderElementsOf(numbers(0, 20));
        assertThat(plain.receiveNoWait()).isNull();
    }

    @Test
    void aTransactedServerSessionThatRollsBackGetsTheMessageAgainFlaggedRedelivered() throws Exception {
        Connection connection = connect("");
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        TestServerSessionPool pool = pool(new TestServerSessionPool(connection, 1, Session.SESSION_TRANSACTED,
            m -> redelivered.add(redelivered(m)), (session, batch) -> {
                if (batch.stream().anyMatch(m -> !redelivered(m))) {
                    session.rollback();
                } else {
                    session.commit();
                }
            }));
        Session session = connection.createSession();
        connection.createConnectionConsumer(session.createQueue("cc.tx"), null, pool, 1);
        connection.start();
        send(session, session.createQueue("cc.tx"), 0, 1);

        await().atMost(DEADLINE).until(() -> redelivered.size() >= 2 && queue("cc.tx").messageCount() == 0
            && queue("cc.tx").unacknowledgedCount() == 0);
        assertThat(redelivered).containsExactly(false, true);
        assertThat(pool.failures()).isEmpty();
    }

    @Test
    void stopPausesTheConnectionConsumer() throws Exception {
        Connection connection = connect("");
        List<Integer> received = new CopyOnWriteArrayList<>();
        Session session = connection.createSession();
        connection.createConnectionConsumer(session.createQueue("cc.stop"), null,
            pool(new TestServerSessionPool(connection, 2, m -> received.add(number(m)))), 2);
        connection.start();
        send(session, session.createQueue("cc.stop"), 0, 1);
        await().atMost(DEADLINE).until(() -> received.size() == 1);

        connection.stop();
        send(session, session.createQueue("cc.stop"), 1, 4);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> received.size() == 1
            && queue("cc.stop").messageCount() == 3 && queue("cc.stop").unacknowledgedCount() == 0);

        connection.start();
        await().atMost(DEADLINE).until(() -> received.size() >= 4);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(0, 4));
    }

    @Test
    void invalidArgumentsAreRefused() throws Exception {
        Connection connection = connect("");
        Session session = connection.createSession();
        Destination queue = session.createQueue("cc.invalid");
        Topic topic = session.createTopic("cc.invalid");
        TestServerSessionPool pool = pool(new TestServerSessionPool(connection, 1, m -> { }));

        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, null, null, 1))
            .isInstanceOf(JMSException.class).hasMessageContaining("ServerSessionPool");
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, null, pool, 0))
            .isInstanceOf(JMSException.class).hasMessageContaining("maxMessages");
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue, "n >", pool, 1))
            .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> connection.createConnectionConsumer((Destination) null, null, pool, 1))
            .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> connection.createDurableConnectionConsumer(topic, "d", null, pool, 1))
            .as("no client id").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSharedConnectionConsumer(topic, "", null, pool, 1))
            .isInstanceOf(InvalidDestinationException.class);
        // Nothing was left behind: only the session of this test.
        assertThat(((JmsConnection) connection).sessions()).hasSize(1 + 1);
    }

    // ---- helpers

    private Connection connect(String options) throws JMSException {
        Connection connection = broker.factory(options).createConnection();
        resources.add(connection);
        return connection;
    }

    private TestServerSessionPool pool(TestServerSessionPool pool) {
        resources.add(pool);
        return pool;
    }

    private static void send(Session session, Destination destination, int from, int to) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (int n = from; n < to; n++) {
            Message message = session.createMessage();
            message.setIntProperty("n", n);
            producer.send(message);
        }
        producer.close();
    }

    private static int number(Message message) {
        try {
            return message.getIntProperty("n");
        } catch (JMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> numbers(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    private static MessageQueue queue(String name) {
        return broker.broker().virtualHost("/").queue(name);
    }
}
