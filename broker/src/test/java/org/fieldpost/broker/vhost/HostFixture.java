package org.fieldpost.broker.vhost;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.message.MessageIds;
import org.fieldpost.broker.queue.ManualClock;
import org.fieldpost.broker.store.InMemoryMessageStore;
import org.fieldpost.protocol.BasicProperties;

/** A started virtual host over an in-memory store, a manual clock and a real timer. */
final class HostFixture implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final InMemoryMessageStore store = new InMemoryMessageStore();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final MessageIds ids = new MessageIds();
    final VirtualHost host;

    HostFixture() {
        this(Duration.ofHours(1));
    }

    HostFixture(Duration sweep) {
        store.open();
        host = newHost(sweep);
    }

    /** A second virtual host over the same store, as after a restart. */
    VirtualHost newHost(Duration sweep) {
        VirtualHostConfig config = VirtualHostConfig.defaults().withClock(clock).withMessageIds(ids)
            .withHousekeepingInterval(sweep);
        return new VirtualHost("/", store, timer, config).start();
    }

    Message message(String key, String body) {
        return message(key, body, 1, null, null);
    }

    Message message(String key, String body, int deliveryMode, String expiration, Map<String, Object> headers) {
        BasicProperties props = new BasicProperties(null, null, headers, deliveryMode, null, null, null, expiration,
            null, null, null, null, null, null);
        return Message.create(ids.next(), "", key, props, body.getBytes(StandardCharsets.UTF_8), clock.getAsLong());
    }

    @Override
    public void close() {
        host.close();
        timer.shutdownNow();
        store.close();
    }
}
