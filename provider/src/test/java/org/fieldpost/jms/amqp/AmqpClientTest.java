package org.fieldpost.jms.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.jms.BrokerExtension;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AmqpClientTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.heartbeatSeconds(1));

    private ClientConnection connection;

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close().join();
        }
    }

    private ClientConnection connect(String user, String password, ConnectionListener listener) throws Exception {
        return NettyConnection.connect(AmqpConnectionOptions.of("127.0.0.1", broker.port(), user, password), listener)
            .get(10, TimeUnit.SECONDS);
    }

    @Test
    void handshakeNegotiatesTheBrokersTuning() throws Exception {
        connection = connect("u", "p", failure -> { });
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.heartbeatSeconds()).isEqualTo(1);
        assertThat(connection.frameMax()).isEqualTo(131072);
        assertThat(connection.serverProperties()).containsKey("capabilities");
    }

    @Test
    void badCredentialsFailTheHandshakeWith403() {
        CompletableFuture<ClientConnection> open = NettyConnection.connect(
            AmqpConnectionOptions.of("127.0.0.1", broker.port(), "u", "wrong"), failure -> { });
        assertThatThrownBy(() -> open.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOfSatisfying(AmqpException.class,
                e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.ACCESS_REFUSED));
    }

    @Test
    void unreachableBrokerFailsWithTheCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CompletableFuture<ClientConnection> open = NettyConnection.connect(
            AmqpConnectionOptions.of("127.0.0.1", closedPort, "u", "p"), failure -> { });
        assertThatThrownBy(() -> open.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(AmqpException.class)
            .hasMessageContaining("cannot connect").hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void publishWithConfirmsAndConsume() throws Exception {
        connection = connect("u", "p", failure -> { });
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> deliveryThread = new AtomicReference<>();
        ClientChannel channel = connection.openChannel(listener(d -> {
            deliveryThread.set(Thread.currentThread());
            deliveries.add(d);
        })).get(5, TimeUnit.SECONDS);
        channel.call(new AmqpQueue.Declare(0, "client-q", false, false, false, true, false, Map.of()))
            .get(5, TimeUnit.SECONDS);
        channel.enableConfirms().get(5, TimeUnit.SECONDS);
        byte[] big = new byte[300_000];
        channel.publish("", "client-q", BasicProperties.builder().deliveryMode(2).build(), big)
            .get(5, TimeUnit.SECONDS);
        channel.publish("", "client-q", BasicProperties.EMPTY, "hi".getBytes(StandardCharsets.UTF_8))
            .get(5, TimeUnit.SECONDS);
        AmqpBasic.ConsumeOk ok = channel.call(new AmqpBasic.Consume(0, "client-q", "", false, false, false, false,
            Map.of()), AmqpBasic.ConsumeOk.class).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries.size() == 2);
        assertThat(deliveries.get(0).body()).hasSize(300_000);
        assertThat(deliveries.get(0).consumerTag()).isEqualTo(ok.consumerTag());
        assertThat(new String(deliveries.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(deliveryThread.get().getName()).startsWith("fieldpost-io-");
        channel.send(new AmqpBasic.Ack(deliveries.get(1).deliveryTag(), true));
        channel.close().get(5, TimeUnit.SECONDS);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aBurstOfDeliveriesEndsWithOneSignalPerReadNotPerDelivery() throws Exception {
        connection = connect("u", "p", failure -> { });
        List<String> events = new CopyOnWriteArrayList<>();
        ClientChannel channel = connection.openChannel(new IgnoringChannelListener() {
            @Override
            public void onDelivery(Delivery delivery) {
                events.add("delivery");
            }

            @Override
            public void onDeliveriesEnd() {
                assertThat(Thread.currentThread().getName()).startsWith("fieldpost-io-");
                events.add("end");
            }
        }).get(5, TimeUnit.SECONDS);
        channel.call(new AmqpQueue.Declare(0, "burst-q", false, false, false, true, false, Map.of()))
            .get(5, TimeUnit.SECONDS);
        channel.enableConfirms().get(5, TimeUnit.SECONDS);
        int messages = 500;
        CompletableFuture<?>[] confirms = new CompletableFuture<?>[messages];
        for (int i = 0; i < messages; i++) {
            confirms[i] = channel.publish("", "burst-q", BasicProperties.EMPTY, new byte[16]);
        }
        CompletableFuture.allOf(confirms).get(10, TimeUnit.SECONDS);
        channel.call(new AmqpBasic.Consume(0, "burst-q", "", false, true, false, false, Map.of()))
            .get(5, TimeUnit.SECONDS); // no-ack: the broker sends the whole backlog at once

        await().atMost(Duration.ofSeconds(10))
            .until(() -> events.stream().filter("delivery"::equals).count() == messages
                && events.get(events.size() - 1).equals("end"));
        long ends = events.stream().filter("end"::equals).count();
        assertThat(ends).as("one signal per socket read, not per delivery").isBetween(1L, messages / 4L);
        assertThat(events.get(0)).isEqualTo("delivery");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).equals("end") && events.get(i - 1).equals("end"))
                .as("a read without deliveries is not signalled (event %d)", i).isFalse();
        }
    }

    @Test
    void channelCloseFromTheBrokerFailsThePendingCall() throws Exception {
        connection = connect("u", "p", failure -> { });
        AtomicReference<AmqpException> closed = new AtomicReference<>();
        ClientChannel channel = connection.openChannel(new IgnoringChannelListener() {
            @Override
            public void onClosed(AmqpException cause) {
                closed.set(cause);
            }
        }).get(5, TimeUnit.SECONDS);
        CompletableFuture<AmqpMethod> declare = channel.call(new AmqpQueue.Declare(0, "missing-q", true, false, false,
            false, false, Map.of()));
        assertThatThrownBy(() -> declare.get(5, TimeUnit.SECONDS)).cause()
            .isInstanceOfSatisfying(AmqpException.class, e -> {
                assertThat(e.replyCode()).isEqualTo(ReplyCode.NOT_FOUND);
                assertThat(e.connectionLevel()).isFalse();
                assertThat(e.error().classId()).isEqualTo(AmqpQueue.CLASS_ID);
            });
        await().until(() -> closed.get() != null);
        assertThat(channel.isOpen()).isFalse();
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.openChannel(listener(d -> { })).get(5, TimeUnit.SECONDS).isOpen()).isTrue();
    }

    @Test
    void serverCancelIsReported() throws Exception {
        connection = connect("u", "p", failure -> { });
        List<String> cancelled = new CopyOnWriteArrayList<>();
        ClientChannel channel = connection.openChannel(new IgnoringChannelListener() {
            @Override
            public void onCancel(String consumerTag) {
                cancelled.add(consumerTag);
            }
        }).get(5, TimeUnit.SECONDS);
        channel.call(new AmqpQueue.Declare(0, "cancel-q", false, false, false, false, false, Map.of())).get();
        AmqpBasic.ConsumeOk ok = channel.call(new AmqpBasic.Consume(0, "cancel-q", "", false, false, false, false,
            Map.of()), AmqpBasic.ConsumeOk.class).get(5, TimeUnit.SECONDS);
        ClientChannel other = connection.openChannel(listener(d -> { })).get(5, TimeUnit.SECONDS);
        other.call(new AmqpQueue.Delete(0, "cancel-q", false, false, false)).get(5, TimeUnit.SECONDS);
        await().until(() -> cancelled.contains(ok.consumerTag()));
    }

    @Test
    void connectionFailureIsReportedOnceAndFailsChannels() throws Exception {
        List<AmqpException> failures = new CopyOnWriteArrayList<>();
        EmbeddedBroker victim = BrokerExtension.startAnother();
        try {
            connection = NettyConnection.connect(AmqpConnectionOptions.of("127.0.0.1", victim.port(), "guest",
                "guest"), failures::add).get(10, TimeUnit.SECONDS);
            ClientChannel channel = connection.openChannel(listener(d -> { })).get(5, TimeUnit.SECONDS);
            victim.close();
            await().until(() -> !failures.isEmpty());
            assertThat(failures).hasSize(1);
            assertThat(connection.isOpen()).isFalse();
            assertThat(channel.isOpen()).isFalse();
            assertThatThrownBy(() -> channel.call(new AmqpBasic.Qos(0, 1, false)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(AmqpException.class);
        } finally {
            victim.close();
        }
    }

    @Test
    void orderlyCloseDoesNotReportAFailure() throws Exception {
        List<AmqpException> failures = new CopyOnWriteArrayList<>();
        ClientConnection c = connect("u", "p", failures::add);
        c.close().get(5, TimeUnit.SECONDS);
        assertThat(c.isOpen()).isFalse();
        assertThat(failures).isEmpty();
        assertThatThrownBy(() -> c.openChannel(listener(d -> { })).get(5, TimeUnit.SECONDS))
            .cause().isInstanceOf(AmqpException.class);
    }

    private static ChannelListener listener(java.util.function.Consumer<Delivery> deliveries) {
        return new IgnoringChannelListener() {
            @Override
            public void onDelivery(Delivery delivery) {
                deliveries.accept(delivery);
            }
        };
    }
}
