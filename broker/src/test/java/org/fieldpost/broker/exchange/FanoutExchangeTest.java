package org.fieldpost.broker.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldpost.broker.exchange.TopicExchangeTest.Dest;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.Test;

class FanoutExchangeTest {

    private static final Message MESSAGE = Message.create(1, "f", "any", BasicProperties.EMPTY, new byte[0], 1);

    private final Exchange fanout = Exchange.create(ExchangeType.FANOUT, "f", false, false, false, null);

    @Test
    void routesInBindingOrderAndSeesEachChangeAtOnce() {
        Dest q1 = new Dest("q1");
        Dest q2 = new Dest("q2");
        Dest q3 = new Dest("q3");
        assertThat(route()).isEmpty();
        bind(q1);
        bind(q2);
        bind(q3);
        assertThat(route()).containsExactly(q1, q2, q3);

        assertThat(fanout.unbind(new Binding("f", q2, "", null))).isTrue();
        assertThat(route()).containsExactly(q1, q3);
        bind(q2);
        assertThat(route()).containsExactly(q1, q3, q2);
        assertThat(fanout.unbindAll(q1)).hasSize(1);
        assertThat(fanout.unbindAll(q3)).hasSize(1);
        assertThat(route()).containsExactly(q2);
        assertThat(fanout.unbindAll(q2)).hasSize(1);
        assertThat(route()).isEmpty();
        assertThat(fanout.hasBindings()).isFalse();
    }

    /**
     * Routers rebuild the routing snapshot while bindings change under them: a route that starts after a
     * bind (unbind) returned must include (exclude) that binding, so no router may leave a stale
     * snapshot behind.
     */
    @Test
    void routersRacingBindingChangesNeverLeaveAStaleView() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            bind(new Dest("stays-" + i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong routed = new AtomicLong();
        AtomicReference<Throwable> routerFailure = new AtomicReference<>();
        Thread router = new Thread(() -> {
            try {
                while (!stop.get()) {
                    assertThat(route().size()).isBetween(50, 51);
                    routed.incrementAndGet();
                }
            } catch (Throwable t) {
                routerFailure.set(t);
            }
        }, "fanout-router");
        router.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 0; i < 5_000 && routerFailure.get() == null; i++) {
                Dest moving = new Dest("moving-" + i);
                bind(moving);
                assertThat(route()).contains(moving).hasSize(51);
                assertThat(fanout.unbindAll(moving)).hasSize(1);
                assertThat(route()).doesNotContain(moving).hasSize(50);
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
        } finally {
            stop.set(true);
            router.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(routerFailure.get()).isNull();
        assertThat(routed.get()).isPositive();
    }

    private void bind(Dest destination) {
        assertThat(fanout.bind(new Binding("f", destination, "", null))).isTrue();
    }

    private Set<Destination> route() {
        Set<Destination> out = new LinkedHashSet<>();
        fanout.route(MESSAGE, out);
        return out;
    }
}
