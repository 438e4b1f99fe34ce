package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveredEntry;
import org.fieldpost.broker.store.RecoveryHandler;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Derby store does beyond the SPI contract: group commit, sharing, schema versions, virtual hosts. */
class JdbcStoreEngineTest {

    private static final BasicProperties PERSISTENT = BasicProperties.builder().deliveryMode(2).build();

    @TempDir
    Path directory;

    private JdbcStoreEngine engine;
    private MessageStore store;

    @BeforeEach
    void open() {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
        store.createQueue(new QueueRecord("q1", false, Map.of()));
        store.createQueue(new QueueRecord("q2", false, Map.of()));
    }

    @AfterEach
    void close() {
        if (engine != null) {
            store.close();
            engine.close();
        }
    }

    private static Message message(long id) {
        return Message.create(id, "", "q1", PERSISTENT, ("body " + id).getBytes(), 1000);
    }

    private long count(String table) throws Exception {
        return StoreRows.count(directory, table);
    }

    @Test
    void concurrentTransactionsAreGroupCommitted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        try {
            List<CompletableFuture<CompletableFuture<Void>>> submitted = new ArrayList<>();
            for (int i = 1; i <= 2000; i++) {
                long id = i;
                submitted.add(CompletableFuture.supplyAsync(() -> {
                    StoreTransaction tx = store.beginTransaction();
                    tx.enqueue("q1", message(id));
                    return tx.commit();
                }, pool));
            }
            for (CompletableFuture<CompletableFuture<Void>> s : submitted) {
                commits.add(s.get(10, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(StoreRows.entries(directory)).isEqualTo(2000);
        String stats = engine.statistics();
        long groupCommits = Long.parseLong(stats.substring(stats.indexOf(" in ") + 4, stats.indexOf(" commits")));
        assertThat(groupCommits).as(stats).isLessThan(2000);
    }

    @Test
    void aFailingTransactionDoesNotTakeItsBatchDown() throws Exception {
        List<CompletableFuture<Void>> good = new ArrayList<>();
        CompletableFuture<Void> bad = null;
        for (int i = 1; i <= 200; i++) {
            StoreTransaction tx = store.beginTransaction();
            tx.enqueue(i == 100 ? "missing" : "q1", message(i));
            CompletableFuture<Void> done = tx.commit();
            if (i == 100) {
                bad = done;
            } else {
                good.add(done);
            }
        }

        CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(StoreException.class);
        assertThat(StoreRows.entries(directory)).isEqualTo(199);
    }

    @Test
    void aMessageForTwoQueuesIsStoredOnceAndDeletedWithItsLastEntry() throws Exception {
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q1", message(7));
        tx.enqueue("q2", message(7));
        tx.commit().get(10, TimeUnit.SECONDS);
        assertThat(count("FP_MESSAGE")).isEqualTo(1);
        assertThat(count("FP_ENTRY")).isEqualTo(2);

        StoreTransaction first = store.beginTransaction();
        first.dequeue("q1", 7);
        first.commit();
        StoreTransaction again = store.beginTransaction();
        again.dequeue("q1", 7);
        again.commit().get(10, TimeUnit.SECONDS);
        assertThat(count("FP_MESSAGE")).as("a repeated dequeue must not free the message of q2").isEqualTo(1);

        StoreTransaction last = store.beginTransaction();
        last.dequeue("q2", 7);
        last.commit().get(10, TimeUnit.SECONDS);
        assertThat(count("FP_MESSAGE")).isZero();
        assertThat(count("FP_ENTRY")).isZero();
    }

    @Test
    void virtualHostsShareTheDatabaseButNotTheirQueues() throws Exception {
        MessageStore staging = engine.store("staging");
        staging.open();
        staging.createQueue(new QueueRecord("q1", false, Map.of()));
        StoreTransaction a = store.beginTransaction();
        a.enqueue("q1", message(1));
        StoreTransaction b = staging.beginTransaction();
        b.enqueue("q1", message(1));
        CompletableFuture.allOf(a.commit(), b.commit()).get(10, TimeUnit.SECONDS);

        staging.deleteQueue("q1");
        staging.close();

        assertThat(count("FP_MESSAGE")).isEqualTo(1);
        assertThat(StoreRows.entries(directory)).isEqualTo(1);
    }

    @Test
    void anUnknownSchemaVersionIsRefusedWithAClearMessage() throws Exception {
        try (Connection c = StoreRows.connect(directory); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE FP_SCHEMA SET VERSION = 99");
        }
        store.close();
        engine.close();

        assertThatThrownBy(() -> JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("schema version 99")
            .hasMessageContaining("knows only versions 1 to 2");
        engine = null;
    }

    @Test
    void afterACleanShutdownCountsAreExactAndAfterACrashEveryEntryMayHaveBeenDelivered() throws Exception {
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q1", message(1));
        tx.commit().get(10, TimeUnit.SECONDS);
        store.close();
        engine.close();
        assertThat(recoveredCounts()).containsExactly(0);

        // Derby stopped under the engine's feet: the store never records a clean shutdown
        DerbySupport.shutdownDatabase(DerbySupport.embeddedUrl(directory));
        store.close();
        engine.close();

        assertThat(recoveredCounts()).containsExactly(1);
        assertThat(engine.previousRunCrashed()).isTrue();
    }

    /** Opens the engine again and returns the delivery counts recovered for q1. */
    private List<Integer> recoveredCounts() {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
        List<Integer> counts = new ArrayList<>();
        store.recover(new RecoveryHandler() {
            @Override
            public void exchange(ExchangeRecord exchange) {
            }

            @Override
            public void queue(QueueRecord queue) {
            }

            @Override
            public void binding(BindingRecord binding) {
            }

            @Override
            public void entries(String queue, List<RecoveredEntry> batch) {
                if (queue.equals("q1")) {
                    batch.forEach(e -> counts.add(e.deliveryCount()));
                }
            }
        }, 10);
        return counts;
    }

    @Test
    void aFailedWriterRefusesLaterWorkAndTellsItsOwner() throws Exception {
        CompletableFuture<Void> told = new CompletableFuture<>();
        engine.onWriterFailure(() -> told.complete(null));

        assertThatThrownBy(() -> engine.writer().call(c -> {
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(StoreException.class);
        told.get(10, TimeUnit.SECONDS);

        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q1", message(1));
        assertThatThrownBy(() -> tx.commit().join()).hasRootCauseInstanceOf(StoreException.class)
            .hasMessageContaining("the store is closed");
    }
}
