package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer's short wait for acknowledgements ({@link WithdrawalWait}): a persistent message
 * already out to a consumer is given a moment to be acknowledged, and then is never written; a
 * message nobody consumes is written at once; a wait that times out makes the next ones rarer.
 */
class DeliveryWithdrawalTest extends TwoQueueStoreFixture {

    private static final long LONG = TimeUnit.MINUTES.toNanos(10);

    private record Sent(PendingEnqueue pending, CompletableFuture<Void> committed) {
    }

    private Sent send(long id, boolean delivering) {
        StoreTransaction tx = store.beginTransaction();
        PendingEnqueue pending = tx.enqueue("q1", message(id));
        if (delivering) {
            pending.delivering();
        }
        return new Sent(pending, tx.commit());
    }

    private WithdrawalWait withdrawals() {
        return engine.writer().withdrawals();
    }

    private void awaitWriterWaiting() {
        await().atMost(Duration.ofSeconds(10)).until(withdrawals()::isWaiting);
    }

    /** Messages 1 and 2, out for delivery, once the writer waits for both in one wait. */
    private List<Sent> sendTwoTheWriterWaitsFor() throws Exception {
        return sendTheWriterWaitsFor(2);
    }

    /**
     * Messages 1 to {@code count}, out for delivery, submitted while the writer is busy, once it waits
     * for all of them in one wait.
     */
    private List<Sent> sendTheWriterWaitsFor(int count) throws Exception {
        List<Sent> sent = HeldWriter.submittingTogether(engine, () -> {
            List<Sent> all = new ArrayList<>();
            for (int id = 1; id <= count; id++) {
                all.add(send(id, true));
            }
            return all;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> withdrawals().awaitedTransactions() == count);
        return sent;
    }

    @Test
    void aMessageOutForDeliveryWaitsForItsAcknowledgementAndIsNeverWritten() throws Exception {
        withdrawals().fixLimit(LONG);
        long commitsBefore = engine.writer().groupCommits();
        Sent sent = send(1, true);
        awaitWriterWaiting();
        assertThat(sent.committed()).as("the commit waits for the acknowledgement").isNotDone();

        assertThat(sent.pending().withdraw()).isTrue();
        sent.committed().get(10, TimeUnit.SECONDS);
        assertThat(engine.writer().groupCommits()).as("nothing to commit").isEqualTo(commitsBefore);
        assertThat(ids()).isEmpty();
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();

        send(2, false).committed().get(10, TimeUnit.SECONDS); // work that must be written wakes the writer
        assertThat(ids()).containsExactly(2L);
        assertThat(withdrawals().withdrawnWaits()).isEqualTo(1);
    }

    @Test
    void theLastAcknowledgementCompletesItsTransactionWithoutTheWriter() throws Exception {
        withdrawals().fixLimit(LONG);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        try {
            StoreTransaction tx = store.beginTransaction();
            PendingEnqueue first = tx.enqueue("q1", message(1));
            PendingEnqueue second = tx.enqueue("q1", message(2));
            first.delivering();
            second.delivering();
            CompletableFuture<Void> committed = tx.commit();
            assertThat(first.withdraw()).isTrue();
            assertThat(committed).as("one enqueue still out").isNotDone();

            assertThat(second.withdraw()).isTrue();
            committed.get(10, TimeUnit.SECONDS);
            assertThat(held).as("the writer never got to it").isNotDone();
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
    }

    @Test
    void aTransactionWithdrawnBeforeItIsSubmittedCompletesWhenSubmitted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        try {
            StoreTransaction tx = store.beginTransaction();
            PendingEnqueue pending = tx.enqueue("q1", message(1));
            assertThat(pending.withdraw()).isTrue();
            assertThat(tx.commit()).isDone();
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
    }

    @Test
    void aTransactionWithOtherWorkIsCompletedByTheWriterOnlyEvenWhenItsEnqueuesAreWithdrawn() throws Exception {
        send(1, false).committed().get(10, TimeUnit.SECONDS);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = HeldWriter.hold(engine, release);
        CompletableFuture<Void> committed;
        try {
            StoreTransaction tx = store.beginTransaction();
            PendingEnqueue pending = tx.enqueue("q1", message(2));
            tx.dequeue("q1", 1);
            pending.delivering();
            committed = tx.commit();
            assertThat(pending.withdraw()).isTrue();
            assertThat(committed).as("its dequeue is not written yet").isNotDone();
        } finally {
            release.countDown();
        }
        held.get(10, TimeUnit.SECONDS);
        committed.get(10, TimeUnit.SECONDS);
        assertThat(ids()).as("1 dequeued, 2 never written").isEmpty();
    }

    @Test
    void aMessageNobodyConsumesIsWrittenAtOnce() throws Exception {
        withdrawals().fixLimit(LONG);
        Sent sent = send(1, false);
        sent.committed().get(10, TimeUnit.SECONDS);
        assertThat(sent.pending().withdraw()).isFalse();
        assertThat(ids()).containsExactly(1L);
    }

    @Test
    void workNoAcknowledgementCanSaveIsWrittenAheadWhileTheDeliveryWaits() throws Exception {
        withdrawals().fixLimit(LONG);
        Sent delivered = send(1, true);
        awaitWriterWaiting();
        Sent notDelivered = send(2, false);

        notDelivered.committed().get(10, TimeUnit.SECONDS); // would wait ten minutes if it ended the wait only
        assertThat(ids()).containsExactly(2L);
        assertThat(delivered.committed()).isNotDone();
        assertThat(withdrawals().awaitedTransactions()).isEqualTo(1);

        assertThat(delivered.pending().withdraw()).isTrue();
        delivered.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).containsExactly(2L);
        assertThat(engine.statistics()).contains("1 written ahead of a wait");
    }

    @Test
    void aConsumersCommitForWrittenMessagesArrivingWithANewDeliveryIsWrittenAheadOfTheWait() throws Exception {
        send(1, false).committed().get(10, TimeUnit.SECONDS);
        withdrawals().fixLimit(LONG);
        OneBatch batch = deliveryAndConsumerInOneBatch(2, 1);
        Sent delivered = batch.delivered();

        batch.consumed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).as("1 dequeued for good, 2 not written while it waits").isEmpty();
        awaitWriterWaiting();
        assertThat(delivered.committed()).isNotDone();

        CompletableFuture<Void> pairedConsumer = dequeue(2);
        CompletableFuture.allOf(delivered.committed(), pairedConsumer).get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
        assertThat(engine.statistics()).contains("1 enqueues cancelled", "1 written ahead of a wait");
    }

    @Test
    void workDequeuingAnAwaitedEntryIsNeverWrittenAheadOfIt() throws Exception {
        withdrawals().fixLimit(LONG);
        OneBatch batch = deliveryAndConsumerInOneBatch(1, 1);

        CompletableFuture.allOf(batch.delivered().committed(), batch.consumed()).get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
        assertThat(engine.statistics()).contains("1 enqueues cancelled", "0 written ahead of a wait");
    }

    @Test
    void aConsumersTransactionDequeuingTheAwaitedMessageEndsTheWaitAndNeitherIsWritten() throws Exception {
        withdrawals().fixLimit(LONG);
        long commitsBefore = engine.writer().groupCommits();
        Sent sent = send(1, true);
        awaitWriterWaiting();

        CompletableFuture.allOf(sent.committed(), dequeue(1)).get(10, TimeUnit.SECONDS);

        assertThat(ids()).isEmpty();
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
        assertThat(engine.writer().groupCommits()).as("the pair cancelled: nothing to commit").isEqualTo(commitsBefore);
        assertThat(engine.statistics()).contains("1 enqueues cancelled", "1 ended by a transaction dequeuing them");
    }

    @Test
    void everyDeliveryInTheWaitMustBeAcknowledged() throws Exception {
        withdrawals().fixLimit(LONG);
        Sent first = send(1, true);
        awaitWriterWaiting();
        Sent second = send(2, true);
        assertThat(second.pending().withdraw()).isTrue();
        assertThat(first.committed()).as("still waiting for the first").isNotDone();
        assertThat(withdrawals().isWaiting()).isTrue();

        assertThat(first.pending().withdraw()).isTrue();
        CompletableFuture.allOf(first.committed(), second.committed()).get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
    }

    @Test
    void anAcknowledgedMessageIsConfirmedWithoutWaitingForTheOthersOfItsBatch() throws Exception {
        withdrawals().fixLimit(LONG);
        List<Sent> both = sendTwoTheWriterWaitsFor();
        Sent first = both.get(0);
        Sent second = both.get(1);

        assertThat(first.pending().withdraw()).isTrue();
        first.committed().get(10, TimeUnit.SECONDS);
        assertThat(second.committed()).isNotDone();
        assertThat(withdrawals().isWaiting()).isTrue();

        assertThat(second.pending().withdraw()).isTrue();
        second.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).isEmpty();
    }

    /**
     * Acknowledgements complete their transactions themselves and never wake the writer, which drops
     * them when something else wakes it (here work that must be written).
     */
    @Test
    void acknowledgementsNeverWakeTheWriter() throws Exception {
        withdrawals().fixLimit(LONG);
        List<Sent> three = sendTheWriterWaitsFor(3);
        long wakeUps = withdrawals().wakeUps();

        for (Sent sent : three) {
            assertThat(sent.pending().withdraw()).isTrue();
            sent.committed().get(10, TimeUnit.SECONDS);
        }
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps);
        assertThat(withdrawals().isWaiting()).isTrue();
        assertThat(withdrawals().awaitedTransactions()).as("it has not counted again").isEqualTo(3);

        send(4, false).committed().get(10, TimeUnit.SECONDS);
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps + 1);
        assertThat(withdrawals().withdrawnWaits()).isEqualTo(1);
        assertThat(ids()).containsExactly(4L);
    }

    /**
     * A delivery submitted during a wait does not wake the writer, which takes it when the wait ends
     * and gives it a wait of its own: unacknowledged, it is written when that one ends.
     */
    @Test
    void aDeliveryArrivingDuringAWaitGetsAWaitOfItsOwnWithoutWakingTheWriter() throws Exception {
        withdrawals().fixLimit(TimeUnit.MILLISECONDS.toNanos(300));
        Sent first = send(1, true);
        awaitWriterWaiting();
        long wakeUps = withdrawals().wakeUps();
        Sent second = send(2, true);
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps);
        assertThat(first.pending().withdraw()).isTrue();
        first.committed().get(10, TimeUnit.SECONDS);

        second.committed().get(10, TimeUnit.SECONDS); // after the first wait and a second of its own
        assertThat(second.pending().withdraw()).as("written").isFalse();
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps);
        assertThat(ids()).containsExactly(2L);
        assertThat(engine.statistics()).contains("1 saved every write", "1 none");
    }

    /** Deferrable work (acknowledgements of written messages) waits out a wait without waking the writer. */
    @Test
    void deferredWorkArrivingDuringAWaitDoesNotWakeTheWriter() throws Exception {
        send(1, false).committed().get(10, TimeUnit.SECONDS);
        withdrawals().fixLimit(TimeUnit.MILLISECONDS.toNanos(300));
        Sent delivered = send(2, true);
        awaitWriterWaiting();
        long wakeUps = withdrawals().wakeUps();
        StoreTransaction ack = store.beginTransaction();
        ack.dequeue("q1", 1);
        CompletableFuture<Void> deferred = ack.commitDeferred();
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps);

        assertThat(delivered.pending().withdraw()).isTrue();
        deferred.get(10, TimeUnit.SECONDS); // committed after the wait
        assertThat(withdrawals().wakeUps()).isEqualTo(wakeUps);
        assertThat(ids()).isEmpty();
    }

    /**
     * The limit follows how long acknowledgements took, not how long the writer slept after them
     * (that would double it at each wait, up to the longest).
     */
    @Test
    void theAdaptiveLimitFollowsWhenAcknowledgementsCameNotWhenTheWriterWoke() throws Exception {
        withdrawals().fixLimit(-1);
        long limitBefore = 0;
        for (long id = 1; withdrawals().withdrawnWaits() == 0; id++) {
            assertThat(id).as("attempts to catch a wait of a few milliseconds").isLessThan(100);
            limitBefore = withdrawals().adaptiveLimit();
            Sent sent = send(id, true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!withdrawals().isWaiting() && !sent.committed().isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the adaptive wait lasts a few milliseconds: too short to poll for
            }
            if (sent.pending().withdraw()) { // at once, while the writer sleeps to its limit
                sent.committed().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> !withdrawals().isWaiting());
            }
        }
        assertThat(withdrawals().adaptiveLimit()).as("a quick acknowledgement lowers it").isLessThan(limitBefore);
    }

    @Test
    void aWaitWithSomeAcknowledgedKeepsWaitingNextTime() throws Exception {
        withdrawals().fixLimit(TimeUnit.SECONDS.toNanos(2));
        List<Sent> both = sendTwoTheWriterWaitsFor();
        Sent acked = both.get(0);
        Sent lagging = both.get(1);
        assertThat(acked.pending().withdraw()).isTrue();
        lagging.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).as("the lagging one is written when the wait ends").containsExactly(2L);

        withdrawals().fixLimit(LONG);
        Sent next = send(3, true);
        awaitWriterWaiting(); // no back-off after a wait that saved something
        assertThat(next.pending().withdraw()).isTrue();
        next.committed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWaitThatTimesOutWritesTheMessageAndTheNextDeliveryIsWrittenWithoutWaiting() throws Exception {
        withdrawals().fixLimit(TimeUnit.MILLISECONDS.toNanos(50));
        Sent slow = send(1, true);
        slow.committed().get(10, TimeUnit.SECONDS);
        assertThat(slow.pending().withdraw()).as("written when the wait ended").isFalse();

        withdrawals().fixLimit(LONG);
        Sent skipped = send(2, true);
        skipped.committed().get(10, TimeUnit.SECONDS); // would wait ten minutes without the back-off

        Sent tried = send(3, true);
        awaitWriterWaiting();
        assertThat(tried.pending().withdraw()).isTrue();
        tried.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).containsExactly(1L, 2L);
    }

    @Test
    void aConsumersCommitArrivingWithTheTransactionItAcknowledgesEndsTheBackOff() throws Exception {
        withdrawals().fixLimit(TimeUnit.MILLISECONDS.toNanos(50));
        send(1, true).committed().get(10, TimeUnit.SECONDS); // a wait that times out: the next is skipped
        OneBatch batch = deliveryAndConsumerInOneBatch(2, 2);
        CompletableFuture.allOf(batch.delivered().committed(), batch.consumed()).get(10, TimeUnit.SECONDS);

        withdrawals().fixLimit(LONG);
        Sent tried = send(3, true);
        awaitWriterWaiting(); // without the reset this one would be skipped and written at once
        assertThat(tried.pending().withdraw()).isTrue();
        tried.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).containsExactly(1L);
    }

    @Test
    void aWaitThatTimesOutGivesTheNextWaitTheLongestLimit() throws Exception {
        withdrawals().fixLimit(-1); // adaptive
        assertThat(withdrawals().adaptiveLimit()).isLessThan(WithdrawalWait.MAX_NANOS);
        Sent slow = send(1, true);
        slow.committed().get(10, TimeUnit.SECONDS);
        assertThat(slow.pending().withdraw()).as("written when the wait ended").isFalse();
        assertThat(withdrawals().adaptiveLimit()).isEqualTo(WithdrawalWait.MAX_NANOS);
    }

    @Test
    @Timeout(60)
    void aStopEndsTheWaitAndWritesTheMessage() throws Exception {
        withdrawals().fixLimit(LONG);
        Sent sent = send(1, true);
        awaitWriterWaiting();

        engine.close(); // stops the writer; would wait ten minutes without the wake-up
        sent.committed().get(10, TimeUnit.SECONDS);
        openEngine();
        assertThat(ids()).containsExactly(1L);
    }

    @Test
    void turnedOffTheWriterNeverWaits() throws Exception {
        withdrawals().fixLimit(0);
        Sent sent = send(1, true);
        sent.committed().get(10, TimeUnit.SECONDS);
        assertThat(ids()).containsExactly(1L);
    }

    private record OneBatch(Sent delivered, CompletableFuture<Void> consumed) {
    }

    /**
     * Message {@code id}, out for delivery, and a consumer's transaction dequeuing {@code dequeued},
     * submitted while the writer is busy, so that they reach it in one batch.
     */
    private OneBatch deliveryAndConsumerInOneBatch(long id, long dequeued) throws Exception {
        return HeldWriter.submittingTogether(engine, () -> new OneBatch(send(id, true), dequeue(dequeued)));
    }

    /** A consumer's transaction acknowledging message {@code id} of q1; returns its commit. */
    private CompletableFuture<Void> dequeue(long id) {
        StoreTransaction consumer = store.beginTransaction();
        consumer.dequeue("q1", id);
        return consumer.commit();
    }

    private List<Long> ids() throws Exception {
        return StoreRows.queueMessageIds(directory, "q1");
    }
}
