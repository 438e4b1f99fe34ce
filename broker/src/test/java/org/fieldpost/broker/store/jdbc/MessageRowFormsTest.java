package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.store.PendingEnqueue;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.Test;

/**
 * The two forms of a stored message: one row holding its entry when one queue holds it, a shared
 * row with {@code FP_ENTRY} rows when several do; both recover, count deliveries and go away.
 */
class MessageRowFormsTest extends TwoQueueStoreFixture {

    @Test
    void aMessageForOneQueueIsOneRowHoldingItsEntryAndGoesWithItsDequeue() throws Exception {
        commit(enqueue(null, "q1", 1));

        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isEqualTo(1);
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isZero();
        assertThat(row(1)).isEqualTo(new Row(queueId("q1"), 1, 0));

        commit(dequeue(null, "q2", 1)); // a queue that does not hold it
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isEqualTo(1);
        commit(dequeue(null, "q1", 1));
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
    }

    @Test
    void aFanOutMessageKeepsItsEntriesAndGoesOnlyWithItsLastReference() throws Exception {
        commit(enqueue(enqueue(null, "q1", 7), "q2", 7));
        assertThat(row(7)).isEqualTo(new Row(null, 2, null));
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isEqualTo(2);

        commit(dequeue(null, "q1", 7));
        commit(dequeue(null, "q1", 7)); // repeated: must not release q2's reference
        assertThat(row(7)).isEqualTo(new Row(null, 1, null));
        assertThat(StoreRows.queueMessageIds(directory, "q2")).containsExactly(7L);

        commit(dequeue(null, "q2", 7));
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).isZero();
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isZero();
    }

    @Test
    void enqueuesOfOneMessageInOneGroupCommitShareItsRow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);
        CompletableFuture<Void> first = enqueue(null, "q1", 3).commit();
        CompletableFuture<Void> second = enqueue(null, "q2", 3).commit();
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);

        assertThat(row(3)).isEqualTo(new Row(null, 2, null));
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isEqualTo(2);
    }

    @Test
    void aFanOutWhoseOtherEnqueuesWereWithdrawnIsOneRow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);
        StoreTransaction tx = store.beginTransaction();
        PendingEnqueue inQ1 = tx.enqueue("q1", message(5));
        tx.enqueue("q2", message(5));
        CompletableFuture<Void> committed = tx.commit();
        assertThat(inQ1.withdraw()).isTrue();
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);
        committed.get(10, TimeUnit.SECONDS);

        assertThat(row(5)).isEqualTo(new Row(queueId("q2"), 1, 0));
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isZero();
    }

    @Test
    void mixedFormsOfOneQueueRecoverInQueueOrderAcrossSmallBatches() throws Exception {
        long[] order = {5, 3, 9, 1, 8, 2, 7, 6, 4, 10, 11};
        List<Long> fanOut = List.of(3L, 8L, 6L);
        for (long id : order) {
            StoreTransaction tx = enqueue(null, "q1", id);
            commit(fanOut.contains(id) ? enqueue(tx, "q2", id) : tx);
        }
        commit(dequeue(dequeue(null, "q1", 11), "q1", 4));

        RecoveredQueues r = reopenAndRecover(3);

        assertThat(r.ids("q1")).containsExactly(5L, 3L, 9L, 1L, 8L, 2L, 7L, 6L, 10L);
        assertThat(r.ids("q2")).containsExactly(3L, 8L, 6L);
        assertThat(r.batchSizes).containsExactly(3, 3, 3, 3);
        assertThat(r.entries.get("q2").get(0).message()).as("a shared message is read once")
            .isSameAs(r.entries.get("q1").get(1).message());
        assertThat(new String(r.entries.get("q1").get(0).message().body())).isEqualTo("body 5");
    }

    @Test
    void sequenceNumbersContinueAfterTheHighestOfEitherForm() throws Exception {
        commit(enqueue(enqueue(null, "q1", 1), "q2", 1));
        commit(enqueue(null, "q1", 2));
        commit(dequeue(dequeue(null, "q1", 1), "q2", 1)); // FP_ENTRY empty: the last sequence is in FP_MESSAGE
        reopenAndRecover(10);

        commit(enqueue(null, "q1", 3));
        commit(enqueue(enqueue(null, "q1", 4), "q2", 4));
        assertThat(reopenAndRecover(10).ids("q1")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void deliveryCountsSurviveForBothForms() throws Exception {
        commit(enqueue(enqueue(enqueue(null, "q1", 1), "q1", 2), "q2", 2));
        StoreTransaction counts = store.beginTransaction();
        counts.updateDeliveryCount("q1", 1, 2);
        counts.updateDeliveryCount("q1", 2, 3);
        counts.updateDeliveryCount("q2", 2, 1);
        counts.updateDeliveryCount("q2", 1, 9); // q2 does not hold message 1
        commit(counts);
        assertThat(row(1)).isEqualTo(new Row(queueId("q1"), 1, 2));

        RecoveredQueues r = reopenAndRecover(10);

        assertThat(r.deliveryCount("q1", 1)).isEqualTo(2);
        assertThat(r.deliveryCount("q1", 2)).isEqualTo(3);
        assertThat(r.deliveryCount("q2", 2)).isEqualTo(1);
        assertThat(r.ids("q2")).containsExactly(2L);
    }

    @Test
    void anExistingOneQueueMessageEnqueuedAgainOnARetryMovesItsEntryAndIsShared() throws Exception {
        commit(enqueue(null, "q1", 1));
        StoreTransaction count = store.beginTransaction();
        count.updateDeliveryCount("q1", 1, 2);
        commit(count);

        // a batch of two that fails on the duplicate message: each transaction is retried alone, leniently
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writerBusy = HeldWriter.hold(engine, release);
        CompletableFuture<Void> again = enqueue(null, "q2", 1).commit();
        CompletableFuture<Void> other = enqueue(null, "q1", 9).commit();
        release.countDown();
        writerBusy.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(again, other).get(10, TimeUnit.SECONDS);

        assertThat(row(1)).isEqualTo(new Row(null, 2, null));
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isEqualTo(2);
        assertThat(row(9)).isEqualTo(new Row(queueId("q1"), 1, 0));
        RecoveredQueues r = reopenAndRecover(10);
        assertThat(r.ids("q1")).containsExactly(1L, 9L);
        assertThat(r.deliveryCount("q1", 1)).as("the moved entry keeps its count").isEqualTo(2);
        assertThat(r.ids("q2")).containsExactly(1L);

        commit(dequeue(null, "q1", 1));
        assertThat(row(1)).isEqualTo(new Row(null, 1, null));
        commit(dequeue(null, "q2", 1));
        assertThat(row(1)).isNull();
    }

    @Test
    void deletingAQueueRemovesBothFormsAndReleasesSharedMessages() throws Exception {
        commit(enqueue(null, "q1", 1));
        commit(enqueue(enqueue(null, "q1", 2), "q2", 2));
        commit(enqueue(null, "q2", 3));

        store.deleteQueue("q1");

        assertThat(row(1)).isNull();
        assertThat(row(2)).isEqualTo(new Row(null, 1, null));
        assertThat(StoreRows.count(directory, "FP_ENTRY")).isEqualTo(1);
        assertThat(reopenAndRecover(10).ids("q2")).containsExactly(2L, 3L);
        commit(dequeue(null, "q2", 2));
        assertThat(row(2)).isNull();
    }

    private StoreTransaction enqueue(StoreTransaction tx, String queue, long id) {
        StoreTransaction t = tx == null ? store.beginTransaction() : tx;
        t.enqueue(queue, message(id));
        return t;
    }

    private StoreTransaction dequeue(StoreTransaction tx, String queue, long id) {
        StoreTransaction t = tx == null ? store.beginTransaction() : tx;
        t.dequeue(queue, id);
        return t;
    }

    private static void commit(StoreTransaction tx) throws Exception {
        tx.commit().get(10, TimeUnit.SECONDS);
    }


    /** Closes the engine cleanly, opens it again and recovers with {@code batchSize}. */
    private RecoveredQueues reopenAndRecover(int batchSize) {
        reopen();
        RecoveredQueues r = new RecoveredQueues();
        store.recover(r, batchSize);
        return r;
    }

    private Long queueId(String name) throws Exception {
        try (Connection c = StoreRows.connect(directory);
             PreparedStatement s = c.prepareStatement("SELECT QUEUE_ID FROM FP_QUEUE WHERE NAME = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The message's row (null when there is none). */
    private Row row(long id) throws Exception {
        try (Connection c = StoreRows.connect(directory); PreparedStatement s = c.prepareStatement(
            "SELECT QUEUE_ID, REFS, DELIVERY_COUNT, SEQ FROM FP_MESSAGE WHERE MESSAGE_ID = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Row row = new Row(rs.getObject(1, Long.class), rs.getInt(2), rs.getObject(3, Integer.class));
                assertThat(rs.getObject(4) == null).as("SEQ is set exactly for a row holding its entry")
                    .isEqualTo(row.queueId() == null);
                return row;
            }
        }
    }

    /** The columns of a message row that say its form. */
    private record Row(Long queueId, int refs, Integer deliveryCount) {
    }
}
