package org.fieldpost.broker.vhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;
import org.fieldpost.broker.queue.TestConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualHostPublishTest {

    private final HostFixture fx = new HostFixture();
    private final VirtualHost host = fx.host;
    private final Object conn = new Object();

    @AfterEach
    void close() {
        fx.close();
    }

    private MessageQueue queue(String name, Map<String, Object> args) throws Exception {
        return host.declareQueue(name, false, false, false, false, args, conn);
    }

    @Test
    void defaultExchangeRoutesByQueueName() throws Exception {
        MessageQueue q = queue("orders", null);

        RouteResult hit = host.publish("", fx.message("orders", "a"));
        RouteResult miss = host.publish("", fx.message("nobody", "b"));

        assertThat(hit.queues()).containsExactly(q);
        assertThat(hit.routedCount()).isEqualTo(1);
        assertThat(hit.stored()).isDone();
        assertThat(miss.routed()).isFalse();
    }

    @Test
    void aQueueMatchedByManyBindingsGetsTheMessageOnce() throws Exception {
        MessageQueue q = queue("q", null);
        host.bindQueue("q", "amq.topic", "a.*", null, conn);
        host.bindQueue("q", "amq.topic", "#", null, conn);
        host.declareExchange("e2e", "fanout", false, false, false, false, null);
        host.bindExchange("e2e", "amq.topic", "a.b", null, null);
        host.bindQueue("q", "e2e", "", null, conn);

        RouteResult result = host.publish("amq.topic", fx.message("a.b", "x"));

        assertThat(result.routedCount()).isEqualTo(1);
        assertThat(q.messageCount()).isEqualTo(1);
    }

    @Test
    void exchangeToExchangeCycleDeliversOnce() throws Exception {
        MessageQueue q = queue("q", null);
        host.declareExchange("a", "fanout", false, false, false, false, null);
        host.declareExchange("b", "fanout", false, false, false, false, null);
        host.bindExchange("b", "a", "", null, null);
        host.bindExchange("a", "b", "", null, null);
        host.bindQueue("q", "b", "", null, conn);

        assertThat(host.publish("a", fx.message("k", "x")).routedCount()).isEqualTo(1);
        assertThat(q.messageCount()).isEqualTo(1);
    }

    @Test
    void rejectPublishIsReported() throws Exception {
        queue("full", Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        queue("open", null);
        host.bindQueue("full", "amq.fanout", "", null, conn);
        host.bindQueue("open", "amq.fanout", "", null, conn);

        RouteResult result = host.publish("amq.fanout", fx.message("", "x"));

        assertThat(result.rejected()).isTrue();
        assertThat(result.routedCount()).isEqualTo(2);
        assertThat(result.queues()).extracting(MessageQueue::name).containsExactly("open");
    }

    @Test
    void expiredMessagesAreDeadLetteredWithXDeath() throws Exception {
        host.declareExchange("dlx", "direct", false, false, false, false, null);
        MessageQueue dead = queue("dead", null);
        host.bindQueue("dead", "dlx", "expired-orders", null, conn);
        queue("orders", Map.of("x-message-ttl", 1000, "x-dead-letter-exchange", "dlx",
            "x-dead-letter-routing-key", "expired-orders"));
        host.publish("", fx.message("orders", "late", 1, "60000", null));

        fx.clock.advance(1001);
        host.runHousekeeping();

        QueueEntry e = dead.get().join();
        assertThat(new String(e.message().body())).isEqualTo("late");
        assertThat(e.message().exchange()).isEqualTo("dlx");
        assertThat(e.message().routingKey()).isEqualTo("expired-orders");
        assertThat(e.message().properties().expiration()).isNull();
        Map<String, Object> headers = e.message().properties().headers();
        List<?> deaths = (List<?>) headers.get("x-death");
        Map<?, ?> death = (Map<?, ?>) deaths.get(0);
        assertThat(death.get("reason")).isEqualTo("expired");
        assertThat(death.get("queue")).isEqualTo("orders");
        assertThat(death.get("exchange")).isEqualTo("");
        assertThat(death.get("routing-keys")).isEqualTo(List.of("orders"));
        assertThat(death.get("count")).isEqualTo(1L);
        assertThat(death.get("original-expiration")).isEqualTo("60000");
        assertThat(headers).containsEntry("x-first-death-reason", "expired")
            .containsEntry("x-first-death-queue", "orders").containsEntry("x-first-death-exchange", "");
    }

    @Test
    void rejectedMessagesMayCycleButExpiryCyclesAreDropped() throws Exception {
        // dead-letters to the default exchange under its own name: a cycle
        MessageQueue q = queue("loop", Map.of("x-dead-letter-exchange", ""));
        host.publish("", fx.message("loop", "m"));

        QueueEntry first = q.get().join();
        q.reject(first);
        QueueEntry again = q.get().join();
        assertThat(again).isNotNull();
        Map<?, ?> death = (Map<?, ?>) ((List<?>) again.message().properties().headers().get("x-death")).get(0);
        assertThat(death.get("reason")).isEqualTo("rejected");
        q.release(again, true);

        MessageQueue ttl = queue("ttl-loop", Map.of("x-dead-letter-exchange", "", "x-message-ttl", 10));
        host.publish("", fx.message("ttl-loop", "m"));
        fx.clock.advance(11);
        host.runHousekeeping();
        assertThat(ttl.messageCount()).isZero();
    }

    @Test
    void periodicSweepDeadLettersWithoutConsumers() throws Exception {
        try (HostFixture swept = new HostFixture(Duration.ofMillis(20))) {
            VirtualHost h = swept.host;
            h.declareQueue("dlq", false, false, false, false, null, conn);
            h.declareQueue("src", false, false, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "dlq"), conn);
            h.publish("", swept.message("src", "soon", 1, "50", null));

            swept.clock.advance(51);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(h.queue("dlq").messageCount()).isEqualTo(1));
            assertThat(h.queue("src").messageCount()).isZero();
        }
    }

    @Test
    void autoDeleteQueueGoesWithItsLastConsumer() throws Exception {
        MessageQueue q = host.declareQueue("ad", false, false, false, true, null, conn);
        host.bindQueue("ad", "amq.direct", "k", null, conn);
        TestConsumer c = new TestConsumer("c", 1);
        q.addConsumer(c, false);

        q.removeConsumer(c);

        assertThat(host.queue("ad")).isNull();
        assertThat(host.exchange("amq.direct").hasBindings()).isFalse();
    }

    @Test
    void unusedQueueExpires() throws Exception {
        queue("temp", Map.of("x-expires", 5000));
        fx.clock.advance(4000);
        host.declareQueue("temp", false, false, false, false, Map.of("x-expires", 5000), conn);
        fx.clock.advance(4000);
        host.runHousekeeping();
        assertThat(host.queue("temp")).isNotNull();

        fx.clock.advance(1000);
        host.runHousekeeping();
        assertThat(host.queue("temp")).isNull();
    }

    @Test
    void durableStateAndPersistentMessagesAreRecovered() throws Exception {
        host.declareExchange("events", "topic", false, true, false, false, null);
        MessageQueue q = host.declareQueue("audit", false, true, false, false, Map.of("x-max-priority", 3), conn);
        host.declareQueue("transient", false, false, false, false, null, conn);
        host.bindQueue("audit", "events", "user.#", null, conn);
        host.bindQueue("transient", "events", "user.#", null, conn);
        RouteResult r1 = host.publish("events", fx.message("user.login", "kept", 2, null, null));
        host.publish("events", fx.message("user.logout", "not persistent", 1, null, null));
        host.publish("events", fx.message("user.x", "acked", 2, null, null));
        assertThat(r1.stored()).isCompleted();
        assertThat(fx.store.storedMessageCount()).isEqualTo(2);
        QueueEntry kept = q.get().join();
        QueueEntry transientOne = q.get().join();
        QueueEntry acked = q.get().join();
        assertThat(new String(acked.message().body())).isEqualTo("acked");
        q.acknowledge(transientOne);
        q.acknowledge(acked);
        assertThat(fx.store.storedMessageCount()).isEqualTo(1);
        q.release(kept, true);
        host.close();

        VirtualHost restarted = fx.newHost(Duration.ofHours(1));

        MessageQueue audit = restarted.queue("audit");
        assertThat(restarted.queue("transient")).isNull();
        assertThat(audit.durable()).isTrue();
        assertThat(audit.settings().maxPriority()).isEqualTo(3);
        assertThat(audit.messageCount()).isEqualTo(1);
        QueueEntry recovered = audit.get().join();
        assertThat(new String(recovered.message().body())).isEqualTo("kept");
        assertThat(recovered.redelivered()).isTrue();
        assertThat(recovered.deliveryCount()).isEqualTo(1);
        assertThat(restarted.exchange("events").bindings()).hasSize(1);
        assertThat(fx.ids.next()).isGreaterThan(recovered.message().id());
        restarted.close();
    }
}
