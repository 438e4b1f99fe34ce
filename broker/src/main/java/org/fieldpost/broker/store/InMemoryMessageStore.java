package org.fieldpost.broker.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fieldpost.broker.message.Message;

/**
 * A {@link MessageStore} in memory: nothing survives the JVM, but a virtual host recreated on the
 * same instance recovers everything, which is what tests and transient brokers need. Commits
 * complete at once, in the committing thread.
 *
 * <p>Concurrency: every method is {@code synchronized} on the store; all state is guarded by it.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final Map<String, ExchangeRecord> exchanges = new LinkedHashMap<>(); // guarded by this
    private final Map<String, QueueRecord> queues = new LinkedHashMap<>(); // guarded by this
    private final Set<BindingRecord> bindings = new LinkedHashSet<>(); // guarded by this
    private final Map<Long, StoredMessage> messages = new HashMap<>(); // guarded by this
    /** Per queue, message id to delivery count, in enqueue order. */
    private final Map<String, LinkedHashMap<Long, Integer>> entries = new HashMap<>(); // guarded by this
    private final Map<BranchId, PreparedBranchRecord> prepared = new LinkedHashMap<>(); // guarded by this
    private boolean open; // guarded by this

    @Override
    public synchronized void open() {
        open = true;
    }

    @Override
    public synchronized void createExchange(ExchangeRecord exchange) {
        checkOpen();
        exchanges.put(exchange.name(), exchange);
    }

    @Override
    public synchronized void deleteExchange(String name) {
        checkOpen();
        exchanges.remove(name);
        bindings.removeIf(b -> b.source().equals(name) || (b.destinationIsExchange() && b.destination().equals(name)));
    }

    @Override
    public synchronized void createQueue(QueueRecord queue) {
        checkOpen();
        queues.put(queue.name(), queue);
        entries.putIfAbsent(queue.name(), new LinkedHashMap<>());
    }

    @Override
    public synchronized void deleteQueue(String name) {
        checkOpen();
        queues.remove(name);
        bindings.removeIf(b -> !b.destinationIsExchange() && b.destination().equals(name));
        LinkedHashMap<Long, Integer> removed = entries.remove(name);
        if (removed != null) {
            removed.keySet().forEach(this::release);
        }
    }

    @Override
    public synchronized void createBinding(BindingRecord binding) {
        checkOpen();
        bindings.add(binding);
    }

    @Override
    public synchronized void deleteBinding(BindingRecord binding) {
        checkOpen();
        bindings.remove(binding);
    }

    @Override
    public StoreTransaction beginTransaction() {
        synchronized (this) {
            checkOpen();
        }
        return new Transaction();
    }

    @Override
    public void recover(RecoveryHandler handler, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize);
        }
        List<ExchangeRecord> xs;
        List<QueueRecord> qs;
        List<BindingRecord> bs;
        synchronized (this) {
            checkOpen();
            xs = List.copyOf(exchanges.values());
            qs = List.copyOf(queues.values());
            bs = List.copyOf(bindings);
        }
        xs.forEach(handler::exchange);
        qs.forEach(handler::queue);
        bs.forEach(handler::binding);
        for (QueueRecord q : qs) {
            recoverEntries(q.name(), handler, batchSize);
        }
    }

    private void recoverEntries(String queue, RecoveryHandler handler, int batchSize) {
        List<RecoveredEntry> all = new ArrayList<>();
        synchronized (this) {
            entries.getOrDefault(queue, new LinkedHashMap<>())
                .forEach((id, count) -> all.add(new RecoveredEntry(messages.get(id).message, count)));
        }
        for (int from = 0; from < all.size(); from += batchSize) {
            handler.entries(queue, List.copyOf(all.subList(from, Math.min(all.size(), from + batchSize))));
        }
    }

    @Override
    public synchronized Map<Long, Message> readMessages(long[] messageIds) {
        checkOpen();
        Map<Long, Message> found = new HashMap<>();
        for (long id : messageIds) {
            StoredMessage m = messages.get(id);
            if (m != null) {
                found.put(id, m.message);
            }
        }
        return found;
    }

    @Override
    public void recoverPrepared(Consumer<PreparedBranchRecord> visitor) {
        List<PreparedBranchRecord> copy;
        synchronized (this) {
            checkOpen();
            copy = List.copyOf(prepared.values());
        }
        copy.forEach(visitor);
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    /** Number of distinct messages held (for tests: a fanout to many queues stores one). */
    public synchronized int storedMessageCount() {
        return messages.size();
    }

    private void checkOpen() {
        if (!open) {
            throw new IllegalStateException("store is not open");
        }
    }

    // guarded by this
    private void release(long messageId) {
        StoredMessage m = messages.get(messageId);
        if (m != null && --m.references == 0) {
            messages.remove(messageId);
        }
    }

    private synchronized void apply(List<Op> ops) {
        checkOpen();
        for (Op op : ops) {
            if (op.kind == Kind.ENQUEUE && !queues.containsKey(op.queue)) {
                throw new StoreException("no durable queue '" + op.queue + "' in the store");
            }
        }
        for (Op op : ops) {
            apply(op);
        }
    }

    // guarded by this
    private void apply(Op op) {
        switch (op.kind) {
            case ENQUEUE -> {
                if (entries.get(op.queue).putIfAbsent(op.message.id(), 0) == null) {
                    messages.computeIfAbsent(op.message.id(), id -> new StoredMessage(op.message)).references++;
                }
            }
            case DEQUEUE -> {
                LinkedHashMap<Long, Integer> q = entries.get(op.queue);
                if (q != null && q.remove(op.messageId) != null) {
                    release(op.messageId);
                }
            }
            case DELIVERY_COUNT -> {
                LinkedHashMap<Long, Integer> q = entries.get(op.queue);
                if (q != null) {
                    q.computeIfPresent(op.messageId, (id, c) -> op.count);
                }
            }
            case STORE_PREPARED -> prepared.put(op.branch.branch(), op.branch);
            case REMOVE_PREPARED -> prepared.remove(op.branchId);
            default -> throw new IllegalStateException(op.kind.name());
        }
    }

    private enum Kind { ENQUEUE, DEQUEUE, DELIVERY_COUNT, STORE_PREPARED, REMOVE_PREPARED }

    private record Op(Kind kind, String queue, Message message, long messageId, int count,
                      PreparedBranchRecord branch, BranchId branchId) {
    }

    private static final class StoredMessage {
        final Message message;
        int references;

        StoredMessage(Message message) {
            this.message = message;
        }
    }

    private final class Transaction implements StoreTransaction {
        private final List<Op> ops = new ArrayList<>();
        private final CompletableFuture<Void> completion = new CompletableFuture<>();
        private boolean finished;

        @Override
        public PendingEnqueue enqueue(String queue, Message message) {
            add(new Op(Kind.ENQUEUE, queue, message, message.id(), 0, null, null));
            return PendingEnqueue.NONE; // nothing to save: the commit is immediate
        }

        @Override
        public void dequeue(String queue, long messageId) {
            add(new Op(Kind.DEQUEUE, queue, null, messageId, 0, null, null));
        }

        @Override
        public void updateDeliveryCount(String queue, long messageId, int deliveryCount) {
            add(new Op(Kind.DELIVERY_COUNT, queue, null, messageId, deliveryCount, null, null));
        }

        @Override
        public void storePrepared(PreparedBranchRecord branch) {
            add(new Op(Kind.STORE_PREPARED, null, null, 0, 0, branch, null));
        }

        @Override
        public void removePrepared(BranchId branch) {
            add(new Op(Kind.REMOVE_PREPARED, null, null, 0, 0, null, branch));
        }

        @Override
        public CompletableFuture<Void> commit() {
            finish();
            try {
                apply(ops);
                completion.complete(null);
            } catch (RuntimeException e) {
                completion.completeExceptionally(e instanceof StoreException ? e : new StoreException("commit", e));
            }
            return completion;
        }

        @Override
        public CompletableFuture<Void> completion() {
            return completion;
        }

        @Override
        public void rollback() {
            finish();
            completion.cancel(false);
        }

        private void add(Op op) {
            if (finished) {
                throw new IllegalStateException("transaction already finished");
            }
            ops.add(op);
        }

        private void finish() {
            if (finished) {
                throw new IllegalStateException("transaction already finished");
            }
            finished = true;
        }
    }
}
