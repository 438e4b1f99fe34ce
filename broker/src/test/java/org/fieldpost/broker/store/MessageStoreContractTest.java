package org.fieldpost.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageStore} must show. An implementation's test extends this class
 * and supplies {@link #createStore()} (a fresh, empty store) and {@link #reopen(MessageStore)} (the
 * same durable state seen by a new instance, as after a restart).
 */
public abstract class MessageStoreContractTest {

    private static final BasicProperties PERSISTENT =
        new BasicProperties("text/plain", null, Map.of("h", 1), 2, 4, null, null, null, "mid", 12L, null, null,
            null, null);

    protected MessageStore store;

    /** A new, empty, not yet opened store. */
    protected abstract MessageStore createStore() throws Exception;

    /** Closes {@code store} and returns an opened store over the same durable state. */
    protected abstract MessageStore reopen(MessageStore closed) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
        store.open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Message message(long id, String body) {
        return Message.create(id, "ex", "rk", PERSISTENT, body.getBytes(), 1000 + id);
    }

    private static void await(CompletableFuture<Void> f) throws Exception {
        f.get(10, TimeUnit.SECONDS);
    }

    private Recorded recover() throws Exception {
        store = reopen(store);
        Recorded r = new Recorded();
        store.recover(r, 2);
        return r;
    }

    @Test
    void topologyIsRecovered() throws Exception {
        store.createExchange(new ExchangeRecord("x", "topic", false, true, Map.of("alternate-exchange", "ae")));
        store.createExchange(new ExchangeRecord("gone", "direct", false, false, Map.of()));
        store.createQueue(new QueueRecord("q", true, Map.of("x-message-ttl", 5L)));
        store.createBinding(new BindingRecord("x", "q", false, "a.#", Map.of()));
        store.createBinding(new BindingRecord("x", "gone", true, "b", Map.of()));
        store.deleteExchange("gone");

        Recorded r = recover();

        assertThat(r.exchanges).containsExactly(
            new ExchangeRecord("x", "topic", false, true, Map.of("alternate-exchange", "ae")));
        assertThat(r.queues).containsExactly(new QueueRecord("q", true, Map.of("x-message-ttl", 5L)));
        assertThat(r.bindings).containsExactly(new BindingRecord("x", "q", false, "a.#", Map.of()));
    }

    @Test
    void deletingAQueueDropsItsBindingsAndEntries() throws Exception {
        store.createExchange(new ExchangeRecord("x", "direct", false, false, Map.of()));
        store.createQueue(new QueueRecord("q", false, Map.of()));
        store.createBinding(new BindingRecord("x", "q", false, "k", Map.of()));
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q", message(1, "a"));
        await(tx.commit());

        store.deleteQueue("q");
        store.deleteBinding(new BindingRecord("x", "absent", false, "k", Map.of()));

        Recorded r = recover();
        assertThat(r.bindings).isEmpty();
        assertThat(r.entries).isEmpty();
    }

    @Test
    void entriesComeBackInQueueOrderInBoundedBatchesSharingOneMessage() throws Exception {
        store.createQueue(new QueueRecord("q1", false, Map.of()));
        store.createQueue(new QueueRecord("q2", false, Map.of()));
        StoreTransaction tx = store.beginTransaction();
        Message shared = message(10, "shared");
        tx.enqueue("q1", message(3, "c"));
        tx.enqueue("q1", shared);
        tx.enqueue("q1", message(1, "a"));
        tx.enqueue("q2", shared);
        await(tx.commit());

        Recorded r = recover();

        assertThat(r.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 2));
        assertThat(r.bodies("q1")).containsExactly("c", "shared", "a");
        assertThat(r.bodies("q2")).containsExactly("shared");
        RecoveredEntry e = r.entries.get(0).entry;
        assertThat(e.message().properties().headers()).containsEntry("h", 1);
        assertThat(e.message().properties().messageId()).isEqualTo("mid");
        assertThat(e.message().routingKey()).isEqualTo("rk");
        assertThat(e.message().persistent()).isTrue();
    }

    @Test
    void dequeueRemovesTheEntryAndDeliveryCountIsKept() throws Exception {
        store.createQueue(new QueueRecord("q", false, Map.of()));
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q", message(1, "a"));
        tx.enqueue("q", message(2, "b"));
        await(tx.commit());
        StoreTransaction tx2 = store.beginTransaction();
        tx2.dequeue("q", 1);
        tx2.updateDeliveryCount("q", 2, 3);
        tx2.dequeue("q", 99);
        await(tx2.commit());

        Recorded r = recover();
        assertThat(r.bodies("q")).containsExactly("b");
        assertThat(r.entries.get(0).entry.deliveryCount()).isEqualTo(3);
    }

    @Test
    void rolledBackWorkIsNeverApplied() throws Exception {
        store.createQueue(new QueueRecord("q", false, Map.of()));
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q", message(1, "a"));
        tx.rollback();

        assertThat(tx.completion()).isCancelled();
        assertThatThrownBy(() -> tx.enqueue("q", message(2, "b"))).isInstanceOf(IllegalStateException.class);
        assertThat(recover().entries).isEmpty();
    }

    @Test
    void aFailedCommitAppliesNothing() throws Exception {
        store.createQueue(new QueueRecord("q", false, Map.of()));
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q", message(1, "a"));
        tx.enqueue("no-such-queue", message(2, "b"));

        CompletableFuture<Void> done = tx.commit();

        assertThatThrownBy(done::join).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(StoreException.class);
        assertThat(recover().entries).isEmpty();
    }

    @Test
    void completionIsTheFutureCommitReturns() throws Exception {
        store.createQueue(new QueueRecord("q", false, Map.of()));
        StoreTransaction tx = store.beginTransaction();
        CompletableFuture<Void> completion = tx.completion();
        tx.enqueue("q", message(1, "a"));
        assertThat(tx.commit()).isSameAs(completion);
        await(completion);
    }

    @Test
    void preparedBranchesSurviveUntilRemoved() throws Exception {
        store.createQueue(new QueueRecord("q", false, Map.of()));
        BranchId branch = new BranchId(1, new byte[] {1, 2}, new byte[] {3});
        PreparedBranchRecord record = new PreparedBranchRecord(branch,
            List.of(new PreparedBranchRecord.Enqueue("q", message(5, "held"))),
            List.of(new PreparedBranchRecord.Dequeue("q", 4)));
        StoreTransaction tx = store.beginTransaction();
        tx.storePrepared(record);
        await(tx.commit());

        store = reopen(store);
        List<PreparedBranchRecord> found = new ArrayList<>();
        store.recoverPrepared(found::add);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).branch()).isEqualTo(new BranchId(1, new byte[] {1, 2}, new byte[] {3}));
        assertThat(found.get(0).enqueues().get(0).message().body()).isEqualTo("held".getBytes());
        assertThat(found.get(0).dequeues()).containsExactly(new PreparedBranchRecord.Dequeue("q", 4));

        StoreTransaction commit = store.beginTransaction();
        commit.enqueue("q", found.get(0).enqueues().get(0).message());
        commit.removePrepared(branch);
        await(commit.commit());
        List<PreparedBranchRecord> after = new ArrayList<>();
        Recorded r = recover();
        store.recoverPrepared(after::add);
        assertThat(after).isEmpty();
        assertThat(r.bodies("q")).containsExactly("held");
    }

    /** Collects what recovery reports. */
    static final class Recorded implements RecoveryHandler {
        final List<ExchangeRecord> exchanges = new ArrayList<>();
        final List<QueueRecord> queues = new ArrayList<>();
        final List<BindingRecord> bindings = new ArrayList<>();
        final List<QueuedEntry> entries = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public void exchange(ExchangeRecord exchange) {
            exchanges.add(exchange);
        }

        @Override
        public void queue(QueueRecord queue) {
            queues.add(queue);
        }

        @Override
        public void binding(BindingRecord binding) {
            bindings.add(binding);
        }

        @Override
        public void entries(String queue, List<RecoveredEntry> batch) {
            batchSizes.add(batch.size());
            batch.forEach(e -> entries.add(new QueuedEntry(queue, e)));
        }

        List<String> bodies(String queue) {
            return entries.stream().filter(e -> e.queue.equals(queue))
                .map(e -> new String(e.entry.message().body())).toList();
        }
    }

    record QueuedEntry(String queue, RecoveredEntry entry) {
    }
}
