package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.store.StoreCompletion;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dequeue committed in the same group commit as the enqueue of its entry (a consumer's
 * transaction that acknowledges messages of a producer's transaction the writer has not yet
 * written) cancels that enqueue: one Derby transaction holds both, so writing neither leaves the
 * same rows. The writer is held so that the transactions land in one commit.
 */
class DequeueCancelsEnqueueTest extends TwoQueueStoreFixture {

    @BeforeEach
    void neverWaitForAcknowledgements() {
        engine.writer().withdrawals().fixLimit(0);
    }

    /** Commits {@code first} and {@code second} in one group commit and waits for both. */
    private void inOneCommit(StoreTransaction first, StoreTransaction second) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        CompletableFuture<Void> firstDone = first.commit();
        CompletableFuture<Void> secondDone = second.commit();
        release.countDown();
        held.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(firstDone, secondDone).get(10, TimeUnit.SECONDS);
    }

    private StoreTransaction enqueues(String queue, long... ids) {
        StoreTransaction tx = store.beginTransaction();
        for (long id : ids) {
            tx.enqueue(queue, message(id));
        }
        return tx;
    }

    private StoreTransaction dequeues(String queue, long... ids) {
        StoreTransaction tx = store.beginTransaction();
        for (long id : ids) {
            tx.dequeue(queue, id);
        }
        return tx;
    }

    @Test
    void aConsumersDequeuesInTheProducersCommitCancelTheirEnqueues() throws Exception {
        inOneCommit(enqueues("q1", 1, 2, 3), dequeues("q1", 1, 2));

        assertThat(StoreRows.queueMessageIds(directory, "q1")).containsExactly(3L);
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isEqualTo(1);
        assertThat(engine.statistics()).contains("2 enqueues cancelled");
    }

    @Test
    void aCommitWhoseEnqueuesAreAllCancelledForcesNothing() throws Exception {
        long commitsBefore = engine.writer().groupCommits();

        inOneCommit(enqueues("q1", 1, 2), dequeues("q1", 2, 1));

        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
        assertThat(engine.writer().groupCommits()).isEqualTo(commitsBefore);
    }

    @Test
    void aMessageForTwoQueuesKeepsItsOtherEntry() throws Exception {
        StoreTransaction producer = store.beginTransaction();
        producer.enqueue("q1", message(7));
        producer.enqueue("q2", message(7));

        inOneCommit(producer, dequeues("q1", 7));

        assertThat(StoreRows.queueMessageIds(directory, "q1")).isEmpty();
        assertThat(StoreRows.queueMessageIds(directory, "q2")).containsExactly(7L);
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isEqualTo(1);
        assertThat(StoreRows.count(directory, "FP_ENTRY")).as("one entry left: held in the message's row").isZero();
        reopen();
        assertThat(StoreRows.queueMessageIds(directory, "q2")).containsExactly(7L);
    }

    @Test
    void aDequeueOfAnotherQueueCancelsNothing() throws Exception {
        inOneCommit(enqueues("q1", 1), dequeues("q2", 1));

        assertThat(StoreRows.queueMessageIds(directory, "q1")).containsExactly(1L);
        assertThat(engine.statistics()).contains("0 enqueues cancelled");
    }

    @Test
    void anEnqueueWrittenInAnEarlierCommitIsDeletedAsUsual() throws Exception {
        enqueues("q1", 1).commit().get(10, TimeUnit.SECONDS);

        dequeues("q1", 1).commit().get(10, TimeUnit.SECONDS);

        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
        assertThat(engine.statistics()).contains("0 enqueues cancelled");
    }

    @Test
    void aTransactionTellsWhenItWasHandedToTheWriterBeforeItIsDurable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        StoreTransaction producer = enqueues("q1", 1);
        StoreCompletion completion = (StoreCompletion) producer.completion();
        assertThat(completion.submitted()).isNotDone();

        producer.commit();

        assertThat(completion.submitted()).as("handed to the writer").isDone();
        assertThat(completion).as("not durable while the writer is held").isNotDone();
        release.countDown();
        held.get(10, TimeUnit.SECONDS);
        completion.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRolledBackTransactionWillNeverBeHandedOverAndSaysSo() {
        StoreTransaction producer = enqueues("q1", 1);

        producer.rollback();

        assertThat(((StoreCompletion) producer.completion()).submitted()).isCompletedWithValue(null);
    }
}
