package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer's transaction of acknowledgements ({@link StoreTransaction#dequeue(String, long,
 * PendingEnqueue)}) withdraws the enqueues of the messages it acknowledges at commit, all of them or
 * none: when every one is still unwritten nothing is written and both its commit and the producer's
 * complete without the writer; when one is written already, or the transaction holds other work,
 * no enqueue is withdrawn and the writer commits the whole transaction.
 */
@Timeout(60)
class TransactionalAcknowledgementTest extends TwoQueueStoreFixture {

    private static final long LONG = TimeUnit.MINUTES.toNanos(10);

    private record Produced(List<PendingEnqueue> enqueues, CompletableFuture<Void> committed) {
    }

    /** One producer transaction of messages {@code ids}, each out for delivery when {@code delivering}. */
    private Produced produce(boolean delivering, long... ids) {
        StoreTransaction tx = store.beginTransaction();
        List<PendingEnqueue> enqueues = new ArrayList<>();
        for (long id : ids) {
            PendingEnqueue pending = tx.enqueue("q1", message(id));
            if (delivering) {
                pending.delivering();
            }
            enqueues.add(pending);
        }
        return new Produced(enqueues, tx.commit());
    }

    private static StoreTransaction acknowledging(StoreTransaction tx, Produced produced, long... ids) {
        for (int i = 0; i < ids.length; i++) {
            tx.dequeue("q1", ids[i], produced.enqueues().get(i));
        }
        return tx;
    }

    @Test
    void acknowledgementsOfUnwrittenMessagesWithdrawThemAllAtCommitWithoutTheWriter() throws Exception {
        engine.writer().withdrawals().fixLimit(LONG);
        long commitsBefore = engine.writer().groupCommits();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        try {
            Produced produced = produce(true, 1, 2, 3);
            CompletableFuture<Void> consumed = acknowledging(store.beginTransaction(), produced, 1, 2, 3).commit();

            assertThat(consumed).as("nothing to write").isDone();
            assertThat(produced.committed()).as("every enqueue withdrawn").isDone();
            assertThat(held).as("the writer never took part").isNotDone();
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        assertThat(engine.writer().groupCommits()).as("nothing committed").isEqualTo(commitsBefore);
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
        reopen();
        assertThat(StoreRows.entries(directory)).isZero();
    }

    /** A consumer's commit and the producer's it acknowledges, as the test made them. */
    private record Commits(Produced delivered, CompletableFuture<Void> consumed) {
        void complete() throws Exception {
            CompletableFuture.allOf(consumed, delivered.committed()).get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Makes, while the writer is held, a producer transaction of {@code ids} out for delivery and a
     * consumer transaction that acknowledges them and does {@code more}; checks that nothing of either
     * completed, that is, that no enqueue was withdrawn; then lets the writer go.
     */
    private Commits withdrawingNothing(StoreWork more, long... ids) throws Exception {
        return HeldWriter.submittingTogether(engine, () -> {
            Produced delivered = produce(true, ids);
            StoreTransaction tx = acknowledging(store.beginTransaction(), delivered, ids);
            more.record(tx);
            CompletableFuture<Void> consumed = tx.commit();

            assertThat(consumed).as("the consumer's transaction must be written").isNotDone();
            assertThat(delivered.committed()).as("no enqueue withdrawn without the others").isNotDone();
            for (PendingEnqueue pending : delivered.enqueues()) {
                assertThat(((EnqueueClaim) pending).isWithdrawn()).isFalse();
                assertThat(((EnqueueClaim) pending).isDelivering()).as("put back").isTrue();
            }
            return new Commits(delivered, consumed);
        });
    }

    private interface StoreWork {
        void record(StoreTransaction tx);
    }

    @Test
    void oneWrittenMessageAmongTheAcknowledgedKeepsEveryEnqueueAndTheWriterCommitsTheWhole() throws Exception {
        Produced written = produce(false, 1);
        written.committed().get(10, TimeUnit.SECONDS);
        engine.writer().withdrawals().fixLimit(LONG);

        // 2 and 3 are reserved first, then put back: 1 is written and cannot be withdrawn
        withdrawingNothing(tx -> tx.dequeue("q1", 1, written.enqueues().get(0)), 2, 3).complete();

        assertThat(StoreRows.queueMessageIds(directory, "q1")).isEmpty();
        reopen();
        assertThat(StoreRows.entries(directory)).isZero();
    }

    @Test
    void aTransactionThatAlsoPublishesWithdrawsNothingAndIsWrittenWhole() throws Exception {
        engine.writer().withdrawals().fixLimit(LONG);

        withdrawingNothing(tx -> tx.enqueue("q2", message(9)), 1).complete();

        assertThat(StoreRows.queueMessageIds(directory, "q1")).isEmpty();
        assertThat(StoreRows.queueMessageIds(directory, "q2")).containsExactly(9L);
    }

    /**
     * The producer's transaction also removes a message (a worker that consumes a request and publishes
     * its reply in one transaction): withdrawing its enqueue would leave that removal to the writer,
     * and a consumer's commit-ok would then promise a reply whose transaction a crash may still lose.
     */
    @Test
    void aProducerTransactionWithOtherWorkKeepsItsEnqueuesAndTheConsumersCommitWaitsForIt() throws Exception {
        produce(false, 1).committed().get(10, TimeUnit.SECONDS);
        engine.writer().withdrawals().fixLimit(LONG);

        Commits commits = HeldWriter.submittingTogether(engine, () -> {
            StoreTransaction worker = store.beginTransaction();
            worker.dequeue("q1", 1);
            PendingEnqueue reply = worker.enqueue("q1", message(2));
            reply.delivering();
            Produced produced = new Produced(List.of(reply), worker.commit());
            CompletableFuture<Void> consumed = acknowledging(store.beginTransaction(), produced, 2).commit();

            assertThat(consumed).as("not before the worker's transaction is written").isNotDone();
            assertThat(produced.committed()).isNotDone();
            assertThat(((EnqueueClaim) reply).isDelivering()).as("put back").isTrue();
            return new Commits(produced, consumed);
        });
        commits.complete();

        assertThat(StoreRows.queueMessageIds(directory, "q1")).isEmpty();
        reopen();
        assertThat(StoreRows.entries(directory)).isZero();
    }

    /** The same for a consumer that acknowledges only part of a producer's transaction. */
    @Test
    void acknowledgingPartOfAProducersTransactionWithdrawsNothingAndWaitsForItsWrite() throws Exception {
        engine.writer().withdrawals().fixLimit(LONG);

        Commits commits = HeldWriter.submittingTogether(engine, () -> {
            Produced produced = produce(true, 1, 2, 3);
            CompletableFuture<Void> consumed = acknowledging(store.beginTransaction(), produced, 1, 2).commit();

            assertThat(consumed).as("not before the rest of the producer's transaction is written").isNotDone();
            assertThat(produced.committed()).isNotDone();
            for (PendingEnqueue pending : produced.enqueues()) {
                assertThat(((EnqueueClaim) pending).isDelivering()).as("put back").isTrue();
            }
            return new Commits(produced, consumed);
        });
        commits.complete();

        assertThat(StoreRows.queueMessageIds(directory, "q1")).containsExactly(3L);
        reopen();
        assertThat(StoreRows.entries(directory)).isEqualTo(1);
    }

    @Test
    void aPlainRemovalInTheTransactionWithdrawsNothing() throws Exception {
        produce(false, 1).committed().get(10, TimeUnit.SECONDS);
        engine.writer().withdrawals().fixLimit(LONG);

        // no enqueue handle: the store cannot tell whether 1 is written, so it writes the whole
        withdrawingNothing(tx -> tx.dequeue("q1", 1), 2).complete();

        assertThat(StoreRows.queueMessageIds(directory, "q1")).isEmpty();
    }

    /**
     * The writer claiming enqueues for writing races with consumers' commits reserving them: whoever
     * wins, every message ends up either never written or written and removed, every commit
     * completes, and the store is empty.
     */
    @Test
    void theWriterAndConcurrentCommitsNeverSplitATransactionsAcknowledgements() throws Exception {
        engine.writer().withdrawals().fixLimit(0); // no waiting: the writer claims as soon as it can
        ExecutorService consumers = Executors.newSingleThreadExecutor();
        try {
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            long id = 0;
            for (int round = 0; round < 300; round++) {
                long[] ids = {++id, ++id, ++id, ++id};
                Produced produced = produce(true, ids);
                commits.add(produced.committed());
                commits.add(CompletableFuture.supplyAsync(
                    () -> acknowledging(store.beginTransaction(), produced, ids).commit(), consumers)
                    .thenCompose(c -> c));
            }
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            consumers.shutdownNow();
        }
        store.close(); // waits for what the writer still holds
        engine.close();
        openEngine();
        assertThat(StoreRows.entries(directory)).isZero();
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
    }
}
