package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldpost.broker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the database, for every virtual host. Message transactions
 * submitted while it is busy pile up in its queue; it then takes them all (up to a bound), writes
 * them as JDBC batches and commits once: a group commit, one forced log write for many
 * transactions. Each transaction's future completes only after that commit, in submission order
 * (a transaction left with nothing to write may complete earlier, see below).
 *
 * <p>If a batch fails it is rolled back and each of its transactions is retried alone, so one bad
 * transaction (an enqueue to a queue the store does not hold) fails by itself; when the database
 * itself is broken every transaction fails. A failure never completes a future normally.
 *
 * <p>Deferrable transactions (acknowledgements, see {@link
 * org.fieldpost.broker.store.StoreTransaction#commitDeferred}) do not start a commit of their own:
 * the writer holds them until other work arrives, the hold reaches {@value #MAX_TRANSACTIONS_PER_BATCH}
 * transactions, or {@link #DEFER_NANOS} pass, and then commits them together with that work. So
 * the acks of a consumer share the commit of the next publish instead of forcing the log again.
 * Held work stays in submission order before everything that came later.
 *
 * <p>When the last commit served several waiting transactions (concurrent synchronous producers),
 * the next commit waits up to {@link #LINGER_NANOS} for as many again, so they share one forced
 * log write; a lone producer never waits.
 *
 * <p>When every transaction someone waits on is persistent messages already out to consumers, the
 * writer first gives the consumers a moment to acknowledge them ({@link WithdrawalWait}): what is
 * acknowledged before it is written is never written, and a transaction left with nothing to write
 * completes at once, ahead of its batch.
 *
 * <p>Topology changes and other tasks run in submission order too, each in a transaction of its
 * own between batches; their callers block on the result.
 *
 * <p>Concurrency: {@link #submit} and {@link #call} may be called from any thread; everything
 * else, the connection and the queue ids included, is confined to the writer thread. Futures
 * complete on the writer thread: their callbacks must not block (they may submit more work).
 */
final class GroupCommitWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_TRANSACTIONS_PER_BATCH = 1000;
    private static final long MAX_BYTES_PER_BATCH = 16L * 1024 * 1024;
    private static final Object WAKE_UP = new Object();
    /** How long deferrable work may wait for company before it is committed on its own. */
    static final long DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private volatile long deferNanos = DEFER_NANOS;
    /** The longest a commit waits for the company of concurrent producers (see awaitCompany). */
    static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private volatile long lingerNanos = LINGER_NANOS;
    private int lastWaitedOn; // writer thread only

    /** Work run on the writer thread in a transaction of its own. */
    interface Task<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A message transaction as submitted. */
    record TxWork(int vhostId, List<StoreOp> ops, CompletableFuture<Void> done, boolean deferrable) {
    }

    private record TaskWork<T>(Task<T> task, CompletableFuture<T> done) {
    }

    private final Connection connection;
    private final WriteBatch batch;
    private final Thread thread;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final WithdrawalWait withdrawals = new WithdrawalWait();
    private final ReentrantLock state = new ReentrantLock();
    private boolean stopping; // guarded by state
    private boolean terminated; // guarded by state
    private boolean refusedWork; // guarded by state
    private final TopologyIds ids = new TopologyIds(); // writer thread only
    /** Called on the writer thread after it failed and stopped; must not block. */
    private volatile Runnable onFailure;
    private Throwable failure; // writer thread only
    private volatile long batches; // written by the writer thread only
    private volatile long transactions; // written by the writer thread only

    GroupCommitWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.batch = new WriteBatch(connection);
        ids.load(connection);
        this.thread = new Thread(this, "fieldpost-store-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Changes how long deferrable work may be held (tests use a long hold to make it observable). */
    void deferFor(long nanos) {
        this.deferNanos = nanos;
    }

    /** Changes how long a commit may wait for concurrent producers (tests make it long to observe it). */
    void lingerFor(long nanos) {
        this.lingerNanos = nanos;
    }

    /** Sets what runs (on the writer thread, after it stopped taking work) if the writer fails. */
    void onFailure(Runnable listener) {
        this.onFailure = listener;
    }

    /** Queues a message transaction; its future completes after the group commit holding it. */
    void submit(TxWork work) {
        if (!offer(work)) {
            work.done().completeExceptionally(new StoreException("the store is closed"));
        }
    }

    /** Queues a task and waits for its result. Must not be called on the writer thread. */
    <T> T call(Task<T> task) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the store writer cannot wait for itself");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        if (!offer(new TaskWork<>(task, done))) {
            throw new StoreException("the store is closed");
        }
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException s) {
                throw new StoreException(s.getMessage(), s);
            }
            throw new StoreException("store task failed: " + cause, cause);
        }
    }

    private boolean offer(Object work) {
        state.lock();
        try {
            boolean fromWriter = Thread.currentThread() == thread;
            if (terminated || (stopping && !fromWriter)) {
                refusedWork = true;
                return false;
            }
            queue.add(work);
        } finally {
            state.unlock();
        }
        if (!(work instanceof TxWork w) || WithdrawalWait.wakesTheWriter(w)) {
            withdrawals.wake();
        }
        return true;
    }

    /**
     * Finishes the queued work (and the work its completions submit), then stops the thread.
     * Blocks until it has stopped.
     *
     * @return true when no work was refused because of the stop (the store is complete)
     */
    boolean stop() {
        state.lock();
        try {
            stopping = true;
        } finally {
            state.unlock();
        }
        queue.add(WAKE_UP);
        withdrawals.wake(); // a wait for acknowledgements ends at once
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while stopping the store writer", e);
        }
        state.lock();
        try {
            return !refusedWork;
        } finally {
            state.unlock();
        }
    }

    @Override
    public void run() {
        List<Object> items = new ArrayList<>();
        long heldSince = 0;
        long bytes = 0;
        try {
            while (true) {
                Object first = items.isEmpty() ? queue.take()
                    : queue.poll(heldSince + deferNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (first == WAKE_UP && items.isEmpty() && finishedStopping()) {
                    break;
                }
                if (first != null) {
                    if (items.isEmpty()) {
                        heldSince = System.nanoTime();
                        bytes = 0;
                    }
                    items.add(first);
                    bytes = drainInto(items, bytes + bytesOf(first));
                    if (onlyDeferrable(items) && items.size() < MAX_TRANSACTIONS_PER_BATCH
                        && bytes < MAX_BYTES_PER_BATCH && System.nanoTime() - heldSince < deferNanos) {
                        continue; // hold them for the next commit someone waits on
                    }
                    bytes = awaitCompany(items, bytes);
                    bytes = awaitWithdrawals(items, bytes);
                }
                process(items);
                lastWaitedOn = waitedOn(items);
                items.clear();
                if (finishedStopping()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // Nothing more can be stored: every later piece of work fails at once ("the store is
            // closed"), and the owner stops the broker rather than run on without a store.
            LOG.error("FP-S015 the store writer failed; no further store work is accepted", e);
            failure = e;
            StoreException failed = new StoreException("the store writer failed: " + e, e);
            for (Object item : items) {
                fail(item, failed); // what the batch committed already was completed; this reports the rest
            }
        } finally {
            terminate();
        }
        Runnable listener = onFailure;
        if (failure != null && listener != null) {
            listener.run();
        }
        LOG.debug("FP-S010 store writer stopped after {} transactions in {} group commits", transactions, batches);
    }

    /**
     * When the last commit held several transactions somebody waited on (concurrent producers),
     * waits up to {@link #LINGER_NANOS} for as many again before committing: one forced log write
     * for all of them instead of one each. A lone producer (last commit: one waited-on
     * transaction) never waits.
     */
    private long awaitCompany(List<Object> items, long bytesSoFar) throws InterruptedException {
        long bytes = bytesSoFar;
        int expected = lastWaitedOn;
        int waitedOn = waitedOn(items);
        if (expected < 2 || waitedOn == 0 || items.stream().anyMatch(item -> !(item instanceof TxWork))) {
            return bytes; // nobody to keep company, or a task or a stop that must not wait
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (waitedOn < expected && items.size() < MAX_TRANSACTIONS_PER_BATCH && bytes < MAX_BYTES_PER_BATCH) {
            long left = deadline - System.nanoTime();
            Object next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            items.add(next);
            bytes += bytesOf(next);
            if (!(next instanceof TxWork w)) {
                break; // a task or a stop: do not keep it waiting
            }
            if (!w.deferrable()) {
                waitedOn++;
            }
        }
        return bytes;
    }

    /**
     * Gives consumers a moment to acknowledge what they were just sent, so that it need not be
     * written at all (see {@link WithdrawalWait}); takes work that arrives meanwhile, and commits
     * ahead of the wait the work that no acknowledgement can save when it may go first.
     */
    private long awaitWithdrawals(List<Object> items, long bytesSoFar) {
        long[] bytes = {bytesSoFar};
        withdrawals.await(items, () -> {
            int before = items.size();
            bytes[0] = drainInto(items, bytes[0]);
            return items.size() > before;
        }, this::completeUnwritten, ahead -> {
            for (Object item : ahead) {
                bytes[0] -= bytesOf(item);
            }
            writeAhead(items, ahead);
        });
        return bytes[0];
    }

    /**
     * Commits {@code ahead}, taken out of {@code items}, before the wait for the rest. Should the
     * writer fail meanwhile, they go back to {@code items}, whose work is then failed.
     */
    private void writeAhead(List<Object> items, List<Object> ahead) {
        try {
            process(ahead);
        } catch (RuntimeException | Error e) {
            items.addAll(ahead);
            throw e;
        }
    }

    /** Completes a transaction that has nothing to write (its enqueues were all withdrawn). */
    private void completeUnwritten(TxWork w) {
        transactions++;
        w.done().complete(null);
    }

    /** The wait for acknowledgements of enqueues out for delivery (tests tune it). */
    WithdrawalWait withdrawals() {
        return withdrawals;
    }

    /** Transactions in {@code items} that somebody waits on (not deferrable). */
    private static int waitedOn(List<Object> items) {
        int n = 0;
        for (Object item : items) {
            if (item instanceof TxWork w && !w.deferrable()) {
                n++;
            }
        }
        return n;
    }

    private static boolean onlyDeferrable(List<Object> items) {
        for (Object item : items) {
            if (!(item instanceof TxWork w && w.deferrable())) {
                return false;
            }
        }
        return true;
    }

    /** Moves queued work into {@code items} up to the batch bounds; returns the bytes now in them. */
    private long drainInto(List<Object> items, long bytesSoFar) {
        long bytes = bytesSoFar;
        while (items.size() < MAX_TRANSACTIONS_PER_BATCH && bytes < MAX_BYTES_PER_BATCH) {
            Object next = queue.poll();
            if (next == null) {
                break;
            }
            items.add(next);
            bytes += bytesOf(next);
        }
        return bytes;
    }

    private static long bytesOf(Object item) {
        long bytes = 0;
        if (item instanceof TxWork w) {
            for (StoreOp op : w.ops()) {
                bytes += op.bytes();
            }
        }
        return bytes;
    }

    private boolean finishedStopping() {
        state.lock();
        try {
            if (stopping && queue.isEmpty()) {
                terminated = true;
                return true;
            }
            return false;
        } finally {
            state.unlock();
        }
    }

    private void terminate() {
        List<Object> left = new ArrayList<>();
        state.lock();
        try {
            terminated = true;
            queue.drainTo(left);
        } finally {
            state.unlock();
        }
        for (Object item : left) {
            fail(item, new StoreException("the store is closed"));
        }
    }

    private void process(List<Object> items) {
        List<TxWork> run = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof TxWork w) {
                run.add(w);
                continue;
            }
            commitRun(run);
            run.clear();
            if (item instanceof TaskWork<?> t) {
                runTask(t);
            }
        }
        commitRun(run);
    }

    private void commitRun(List<TxWork> run) {
        if (run.isEmpty()) {
            return;
        }
        List<TxWork> accepted = new ArrayList<>(run.size());
        boolean wrote;
        try {
            batch.reset(false);
            for (TxWork w : run) {
                Long[] ids = resolve(w);
                if (ids != null) {
                    batch.add(w.vhostId(), w.ops(), ids);
                    accepted.add(w);
                }
            }
            wrote = !batch.isEmpty(); // empty: all withdrawn, acknowledged before written, nothing to force
            if (wrote) {
                batch.execute();
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (accepted.size() > 1) {
                LOG.warn("FP-S011 group commit of {} transactions failed, retrying them one by one: {}",
                    accepted.size(), e.toString());
                accepted.forEach(this::commitAlone);
            } else {
                accepted.forEach(w -> failTx(w, e));
            }
            return;
        }
        if (wrote) {
            batches++;
        }
        transactions += accepted.size();
        for (TxWork w : accepted) {
            w.done().complete(null);
        }
    }

    private void commitAlone(TxWork w) {
        try {
            batch.reset(true);
            batch.add(w.vhostId(), w.ops(), resolve(w));
            batch.execute();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            failTx(w, e);
            return;
        }
        transactions++;
        w.done().complete(null);
    }

    /** The queue id of each op, or null (and the transaction failed) when it enqueues to an unknown queue. */
    private Long[] resolve(TxWork w) {
        Long[] queueIds = new Long[w.ops().size()];
        for (int i = 0; i < queueIds.length; i++) {
            StoreOp op = w.ops().get(i);
            if (op.queue() == null) {
                continue;
            }
            queueIds[i] = ids.queueId(w.vhostId(), op.queue());
            if (queueIds[i] == null && op.kind() == StoreOp.Kind.ENQUEUE) {
                w.done().completeExceptionally(new StoreException("no durable queue '" + op.queue()
                    + "' in the store"));
                return null;
            }
        }
        return queueIds;
    }

    private void failTx(TxWork w, Throwable e) {
        LOG.error("FP-S012 store transaction failed; nothing of it was stored", e);
        w.done().completeExceptionally(e instanceof StoreException ? e : new StoreException("store commit failed: "
            + e.getMessage(), e));
    }

    private <T> void runTask(TaskWork<T> t) {
        T result;
        try {
            result = t.task().run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            reloadIdsQuietly();
            t.done().completeExceptionally(e instanceof StoreException ? e
                : new StoreException("store update failed: " + e.getMessage(), e));
            return;
        }
        t.done().complete(result);
    }

    private static void fail(Object item, StoreException e) {
        if (item instanceof TxWork w) {
            w.done().completeExceptionally(e);
        } else if (item instanceof TaskWork<?> t) {
            t.done().completeExceptionally(e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("FP-S013 rollback failed", e);
        }
    }

    /** Queue and binding ids, for the topology tasks (writer thread only). */
    TopologyIds ids() {
        return ids;
    }

    private void reloadIdsQuietly() {
        try {
            ids.load(connection);
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("FP-S014 reloading queue ids failed", e);
        }
    }

    /** Group commits so far (statistics). */
    long groupCommits() {
        return batches;
    }

    /** Enqueues cancelled by a dequeue in the same group commit, so far (statistics). */
    long cancelledEnqueues() {
        return batch.cancelledEnqueues();
    }

    /** Transactions committed so far (statistics). */
    long committedTransactions() {
        return transactions;
    }

    /** Closes the statements (after {@link #stop()}); the connection belongs to the engine. */
    void closeStatements() {
        try {
            batch.close();
        } catch (SQLException e) {
            LOG.debug("closing statements failed", e);
        }
    }
}
