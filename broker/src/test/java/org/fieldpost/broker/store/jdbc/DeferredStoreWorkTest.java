package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.Test;

/**
 * The two ways the Derby store avoids forcing its log for acknowledgements: deferred commits ride
 * along with the next commit someone waits for, and an enqueue consumed before it was written is
 * withdrawn, so that neither it nor its removal is ever written.
 */
class DeferredStoreWorkTest extends TwoQueueStoreFixture {

    private static final long LONG_HOLD = TimeUnit.MINUTES.toNanos(10);

    @Test
    void aDeferredCommitWaitsForTheNextCommitAndSharesIt() throws Exception {
        engine.writer().deferFor(LONG_HOLD);
        enqueue("q1", 1).get(10, TimeUnit.SECONDS);
        long commitsBefore = engine.writer().groupCommits();

        StoreTransaction ack = store.beginTransaction();
        ack.dequeue("q1", 1);
        CompletableFuture<Void> acked = ack.commitDeferred();
        assertThatThrownBy(() -> acked.get(300, TimeUnit.MILLISECONDS))
            .as("held for company").isInstanceOf(TimeoutException.class);
        assertThat(StoreRows.entries(directory)).isEqualTo(1);

        enqueue("q1", 2).get(10, TimeUnit.SECONDS);
        acked.get(10, TimeUnit.SECONDS);
        assertThat(engine.writer().groupCommits() - commitsBefore).as("one commit for both").isEqualTo(1);
        assertThat(ids("q1")).containsExactly(2L);
    }

    @Test
    void deferredWorkAloneIsCommittedWhenTheHoldEnds() throws Exception {
        enqueue("q1", 1).get(10, TimeUnit.SECONDS);
        StoreTransaction ack = store.beginTransaction();
        ack.dequeue("q1", 1);
        ack.commitDeferred().get(10, TimeUnit.SECONDS);
        assertThat(StoreRows.entries(directory)).isZero();
        assertThat(count("FP_MESSAGE")).isZero();
    }

    @Test
    void aCleanStopWritesHeldWork() throws Exception {
        engine.writer().deferFor(LONG_HOLD);
        enqueue("q1", 1).get(10, TimeUnit.SECONDS);
        StoreTransaction ack = store.beginTransaction();
        ack.dequeue("q1", 1);
        CompletableFuture<Void> acked = ack.commitDeferred();

        store.close();
        engine.close();
        acked.get(10, TimeUnit.SECONDS);
        openEngine();
        assertThat(StoreRows.entries(directory)).isZero();
    }

    @Test
    void afterACommitForSeveralWaitersTheNextWaitsForCompany() throws Exception {
        engine.writer().lingerFor(LONG_HOLD);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);
        CompletableFuture<Void> first = enqueue("q1", 1);
        CompletableFuture<Void> second = enqueue("q1", 2);
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS); // one commit for two waiters
        long commitsBefore = engine.writer().groupCommits();

        CompletableFuture<Void> third = enqueue("q1", 3);
        assertThatThrownBy(() -> third.get(300, TimeUnit.MILLISECONDS))
            .as("waiting for a second producer").isInstanceOf(TimeoutException.class);
        CompletableFuture<Void> fourth = enqueue("q1", 4);
        CompletableFuture.allOf(third, fourth).get(10, TimeUnit.SECONDS);
        assertThat(engine.writer().groupCommits() - commitsBefore).isEqualTo(1);
        assertThat(ids("q1")).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aLoneProducerNeverWaitsForCompany() throws Exception {
        engine.writer().lingerFor(LONG_HOLD);
        for (int i = 1; i <= 20; i++) {
            enqueue("q1", i).get(10, TimeUnit.SECONDS);
        }
        assertThat(ids("q1")).hasSize(20);
    }

    @Test
    void anEnqueueWithdrawnBeforeTheWriterTookItIsNeverWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);

        StoreTransaction tx = store.beginTransaction();
        PendingEnqueue first = tx.enqueue("q1", message(1));
        tx.enqueue("q1", message(2));
        CompletableFuture<Void> committed = tx.commit();
        assertThat(first.withdraw()).isTrue();
        assertThat(first.withdraw()).as("only once").isFalse();
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);

        committed.get(10, TimeUnit.SECONDS);
        assertThat(ids("q1")).containsExactly(2L);
        assertThat(count("FP_MESSAGE")).isEqualTo(1);
    }

    @Test
    void anEnqueueTheWriterTookCannotBeWithdrawn() throws Exception {
        StoreTransaction tx = store.beginTransaction();
        PendingEnqueue pending = tx.enqueue("q1", message(1));
        tx.commit().get(10, TimeUnit.SECONDS);

        assertThat(pending.withdraw()).isFalse();
        assertThat(ids("q1")).containsExactly(1L);
    }

    @Test
    void withdrawingOneQueuesEntryKeepsTheMessageForTheOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);
        StoreTransaction tx = store.beginTransaction();
        PendingEnqueue inQ1 = tx.enqueue("q1", message(7));
        tx.enqueue("q2", message(7));
        CompletableFuture<Void> committed = tx.commit();
        assertThat(inQ1.withdraw()).isTrue();
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);
        committed.get(10, TimeUnit.SECONDS);
        assertThat(ids("q1")).isEmpty();
        assertThat(ids("q2")).containsExactly(7L);

        StoreTransaction ack = store.beginTransaction();
        ack.dequeue("q2", 7);
        ack.commit().get(10, TimeUnit.SECONDS);
        assertThat(count("FP_MESSAGE")).as("its one reference is gone with q2's entry").isZero();
    }

    private CompletableFuture<Void> enqueue(String queue, long id) {
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue(queue, message(id));
        return tx.commit();
    }


    private List<Long> ids(String queue) throws Exception {
        return StoreRows.queueMessageIds(directory, queue);
    }

    private long count(String table) throws Exception {
        return StoreRows.count(directory, table);
    }
}
