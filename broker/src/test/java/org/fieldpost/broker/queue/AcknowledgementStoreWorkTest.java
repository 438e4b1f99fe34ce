package org.fieldpost.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.BranchId;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.InMemoryMessageStore;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.PreparedBranchRecord;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveryHandler;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.Test;

/**
 * What an acknowledgement asks of the store: nothing when the message's enqueue can still be
 * withdrawn (consumed before it was written), otherwise a dequeue committed deferred (nobody waits
 * for it), never a commit that forces the log by itself.
 */
class AcknowledgementStoreWorkTest {

    private final QueueFixture fixture = new QueueFixture();
    private final RecordingStore store = new RecordingStore();

    private MessageQueue storedQueue() throws Exception {
        store.open();
        store.createQueue(new QueueRecord("q", false, Map.of()));
        return new MessageQueue("q", true, false, null, Map.of(), QueueArguments.parse("q", "/", Map.of(), 0),
            new QueueContext("/", fixture.clock, fixture, fixture, store));
    }

    private Message persistent(long id) {
        BasicProperties props = BasicProperties.builder().deliveryMode(2).build();
        byte[] body = ("m" + id).getBytes(StandardCharsets.UTF_8);
        return Message.create(id, "", "q", props, body, fixture.clock.getAsLong());
    }

    @Test
    void anAckBeforeTheStoreWroteTheMessageWithdrawsItAndWritesNothing() throws Exception {
        store.writerTakesEnqueues = false;
        MessageQueue q = storedQueue();
        q.enqueue(persistent(1));

        q.acknowledge(q.get().join());

        assertThat(store.withdrawn).containsExactly(1L);
        assertThat(store.dequeues).isEmpty();
    }

    @Test
    void anAckAfterTheStoreWroteTheMessageDequeuesItDeferred() throws Exception {
        store.writerTakesEnqueues = true;
        MessageQueue q = storedQueue();
        q.enqueue(persistent(1));

        q.acknowledge(q.get().join());

        assertThat(store.withdrawn).isEmpty();
        assertThat(store.dequeues).containsExactly("deferred:1");
    }

    @Test
    void theStoreIsToldWhenAStoredEntryGoesOutToAConsumer() throws Exception {
        MessageQueue q = storedQueue();
        q.enqueue(persistent(1));
        assertThat(store.delivering).as("nobody has it yet").isEmpty();

        q.acknowledge(q.get().join());

        assertThat(store.delivering).containsExactly(1L);
        assertThat(store.withdrawn).containsExactly(1L);
    }

    @Test
    void aRequeuedMessageKeepsItsEnqueue() throws Exception {
        store.writerTakesEnqueues = false;
        MessageQueue q = storedQueue();
        q.enqueue(persistent(1));

        q.release(q.get().join(), true);

        assertThat(store.withdrawn).as("only a final acknowledgement withdraws").isEmpty();
        assertThat(q.messageCount()).isEqualTo(1);
    }

    @Test
    void anAckInATransactionHandsTheStoreTheEnqueueAndWithdrawsNothingByItself() throws Exception {
        store.writerTakesEnqueues = false;
        MessageQueue q = storedQueue();
        q.enqueue(persistent(1));
        QueueEntry entry = q.get().join();
        StoreTransaction tx = store.beginTransaction();

        assertThat(q.acknowledge(entry, tx)).isTrue();

        assertThat(store.withdrawn).as("the transaction decides, for all its acks at once").isEmpty();
        assertThat(store.handedEnqueues).containsExactly(1L);
        assertThat(entry.withdrawEnqueue()).as("the handle went to the transaction").isFalse();
    }

    /** An in-memory store whose enqueues can be withdrawn, and which records how dequeues were committed. */
    private static final class RecordingStore implements MessageStore {
        private final InMemoryMessageStore delegate = new InMemoryMessageStore();
        final List<Long> withdrawn = new ArrayList<>();
        final List<Long> delivering = new ArrayList<>();
        final List<String> dequeues = new ArrayList<>();
        /** Dequeues recorded with their enqueue's handle (acknowledgements within a transaction). */
        final List<Long> handedEnqueues = new ArrayList<>();
        volatile boolean writerTakesEnqueues;

        @Override
        public StoreTransaction beginTransaction() {
            StoreTransaction inner = delegate.beginTransaction();
            List<Long> dequeued = new ArrayList<>();
            return new StoreTransaction() {
                @Override
                public PendingEnqueue enqueue(String queue, Message message) {
                    inner.enqueue(queue, message);
                    return new PendingEnqueue() {
                        @Override
                        public boolean withdraw() {
                            if (writerTakesEnqueues) {
                                return false;
                            }
                            withdrawn.add(message.id());
                            return true;
                        }

                        @Override
                        public void delivering() {
                            delivering.add(message.id());
                        }
                    };
                }

                @Override
                public void dequeue(String queue, long messageId) {
                    inner.dequeue(queue, messageId);
                    dequeued.add(messageId);
                }

                @Override
                public void dequeue(String queue, long messageId, PendingEnqueue enqueue) {
                    if (enqueue != null) {
                        handedEnqueues.add(messageId);
                    }
                    dequeue(queue, messageId);
                }

                @Override
                public void updateDeliveryCount(String queue, long messageId, int deliveryCount) {
                    inner.updateDeliveryCount(queue, messageId, deliveryCount);
                }

                @Override
                public void storePrepared(PreparedBranchRecord branch) {
                    inner.storePrepared(branch);
                }

                @Override
                public void removePrepared(BranchId branch) {
                    inner.removePrepared(branch);
                }

                @Override
                public CompletableFuture<Void> commit() {
                    dequeued.forEach(id -> dequeues.add("commit:" + id));
                    return inner.commit();
                }

                @Override
                public CompletableFuture<Void> commitDeferred() {
                    dequeued.forEach(id -> dequeues.add("deferred:" + id));
                    return inner.commit();
                }

                @Override
                public CompletableFuture<Void> completion() {
                    return inner.completion();
                }

                @Override
                public void rollback() {
                    inner.rollback();
                }
            };
        }

        @Override
        public void open() {
            delegate.open();
        }

        @Override
        public void createExchange(ExchangeRecord exchange) {
            delegate.createExchange(exchange);
        }

        @Override
        public void deleteExchange(String name) {
            delegate.deleteExchange(name);
        }

        @Override
        public void createQueue(QueueRecord queue) {
            delegate.createQueue(queue);
        }

        @Override
        public void deleteQueue(String name) {
            delegate.deleteQueue(name);
        }

        @Override
        public void createBinding(BindingRecord binding) {
            delegate.createBinding(binding);
        }

        @Override
        public void deleteBinding(BindingRecord binding) {
            delegate.deleteBinding(binding);
        }

        @Override
        public void recover(RecoveryHandler handler, int batchSize) {
            delegate.recover(handler, batchSize);
        }

        @Override
        public Map<Long, Message> readMessages(long[] messageIds) {
            return delegate.readMessages(messageIds);
        }

        @Override
        public void recoverPrepared(Consumer<PreparedBranchRecord> visitor) {
            delegate.recoverPrepared(visitor);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
