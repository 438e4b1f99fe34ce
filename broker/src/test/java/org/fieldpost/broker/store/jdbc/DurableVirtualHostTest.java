package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueEntry;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.broker.vhost.VirtualHostConfig;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual host over the Derby store, restarted in-process: delivery counts and transactional acks. */
class DurableVirtualHostTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final BasicProperties PERSISTENT = BasicProperties.builder().deliveryMode(2).build();

    @TempDir
    Path directory;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private JdbcStoreEngine engine;
    private MessageStore store;
    private VirtualHost host;

    @BeforeEach
    void start() {
        startHost();
    }

    @AfterEach
    void stop() {
        stopHost();
        timer.shutdownNow();
    }

    private void startHost() {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
        host = new VirtualHost("/", store, timer, VirtualHostConfig.defaults()).start();
    }

    private void stopHost() {
        host.close();
        store.close();
        engine.close();
    }

    private void restart() {
        stopHost();
        startHost();
    }

    private Message persistent(String body) {
        return Message.create(host.config().messageIds().next(), "", "q", PERSISTENT,
            body.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
    }

    @Test
    void aRequeuedMessageComesBackOnlyOnceItsCountIsStoredAndKeepsItAcrossARestart() throws Exception {
        MessageQueue q = host.declareQueue("q", false, true, false, false, Map.of(), null);
        host.publish("", persistent("twice requeued")).stored().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            QueueEntry e = q.get().join();
            q.release(e, true);
            await().atMost(DEADLINE).until(() -> q.messageCount() == 1);
        }

        restart();

        QueueEntry recovered = host.queue("q").get().join();
        assertThat(recovered.deliveryCount()).isEqualTo(2);
        assertThat(recovered.redelivered()).isTrue();
        assertThat(new String(recovered.message().body(), StandardCharsets.UTF_8)).isEqualTo("twice requeued");
    }

    @Test
    void acknowledgementsInAStoreTransactionAreAppliedTogetherWithItsPublishes() throws Exception {
        MessageQueue q = host.declareQueue("q", false, true, false, false, Map.of(), null);
        MessageQueue out = host.declareQueue("out", false, true, false, false, Map.of(), null);
        host.publish("", persistent("request")).stored().get(10, TimeUnit.SECONDS);
        QueueEntry request = q.get().join();

        StoreTransaction tx = host.beginStoreTransaction();
        assertThat(q.acknowledge(request, tx)).isTrue();
        Message reply = Message.create(host.config().messageIds().next(), "", "out", PERSISTENT,
            "reply".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        host.publish("", reply, tx);
        assertThat(out.messageCount()).isEqualTo(1);
        tx.commit().get(10, TimeUnit.SECONDS);

        restart();

        assertThat(host.queue("q").messageCount()).isZero();
        assertThat(host.queue("out").messageCount()).isEqualTo(1);
    }

    @Test
    void uncommittedStoreWorkLeavesNoTraceAfterARestart() throws Exception {
        MessageQueue q = host.declareQueue("q", false, true, false, false, Map.of(), null);
        host.publish("", persistent("request")).stored().get(10, TimeUnit.SECONDS);
        StoreTransaction tx = host.beginStoreTransaction();
        q.acknowledge(q.get().join(), tx);
        host.publish("", persistent("never committed"), tx);
        tx.rollback();

        restart();

        assertThat(host.queue("q").messageCount()).isEqualTo(1);
        byte[] body = host.queue("q").get().join().message().body();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("request");
    }
}
