package org.fieldpost.jms.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.StoreType;
import org.fieldpost.jms.FieldpostConnectionFactory;
import org.fieldpost.protocol.transport.SharedIoThreads;
import org.junit.jupiter.api.Test;

/**
 * A broker embedded with its default I/O threads serves its connections on the clients' own event
 * loops, and stopping it leaves those loops to the clients.
 */
class SharedIoThreadsClientTest {

    @Test
    void anEmbeddedBrokerRunsOnTheClientsEventLoopsAndLeavesThemRunningWhenItStops() throws Exception {
        EventLoopGroup clients = IoThreads.group();
        int holders = SharedIoThreads.holders();
        try (EmbeddedBroker first = EmbeddedBroker.builder().port(0).store(StoreType.MEMORY).build().start()) {
            assertThat(SharedIoThreads.holders()).as("the broker holds the shared loops").isEqualTo(holders + 1);
            EventLoopGroup shared = SharedIoThreads.acquire();
            try {
                assertThat(shared).isSameAs(clients);
            } finally {
                SharedIoThreads.release();
            }
            assertThat(roundTrip(first, "to the first")).isEqualTo("to the first");
        }
        assertThat(SharedIoThreads.holders()).isEqualTo(holders);
        assertThat(clients.isShuttingDown()).as("the clients keep their loops").isFalse();

        try (EmbeddedBroker second = EmbeddedBroker.builder().port(0).store(StoreType.MEMORY).build().start()) {
            assertThat(roundTrip(second, "to the second")).isEqualTo("to the second");
        }
    }

    private static String roundTrip(EmbeddedBroker broker, String text) throws Exception {
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory("amqp://guest:guest@127.0.0.1:"
            + broker.port());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(queue);
            session.createProducer(queue).send(session.createTextMessage(text));
            return ((TextMessage) consumer.receive(10_000)).getText();
        }
    }
}
