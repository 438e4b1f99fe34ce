package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.StoreTransaction;
import org.junit.jupiter.api.Test;

/**
 * Derby's plans for the store's statements. The stale-plan check is off in every store, also one
 * created by an earlier release, so that the writer's statements are not recompiled each time a
 * queue's table swings between empty and full (seen in profiles of {@code tx-batch-100}: an eighth
 * of the writer's time, and a new class to load and JIT-compile each time). That costs no plan: the
 * range reads compiled on empty tables still use their index once the tables are full.
 */
class StatementPlanTest extends TwoQueueStoreFixture {

    private static final int BATCH = 300;
    private long nextId = 1;

    /** Enqueues {@code n} messages to q1 in one transaction (every second one to q2 as well). */
    private List<Long> enqueue(int n, boolean shared) throws Exception {
        StoreTransaction tx = store.beginTransaction();
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            long id = nextId++;
            ids[i] = id;
            tx.enqueue("q1", kibMessage(id));
            if (shared && i % 2 == 0) {
                tx.enqueue("q2", kibMessage(id));
            }
        }
        tx.commit().get(30, TimeUnit.SECONDS);
        return List.of(ids);
    }

    /** A persistent message of 1 KiB, the size the benchmarks use. */
    private static Message kibMessage(long id) {
        return Message.create(id, "", "q1", PERSISTENT, new byte[1024], 1000);
    }

    @Test
    void theStalePlanCheckIsTurnedOffAgainWhenTheStoreOpens() throws Exception {
        try (Connection c = StoreRows.connect(directory); Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.language.stalePlanCheckInterval', '100')");
        }
        reopen();
        try (Connection c = StoreRows.connect(directory); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                 "VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY('derby.language.stalePlanCheckInterval')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(String.valueOf(Integer.MAX_VALUE));
        }
    }

    @Test
    void rangeReadsCompiledOnEmptyTablesUseTheirIndexOnFullOnes() throws Exception {
        try (Connection c = StoreRows.connect(directory)) { // closing it closes the statements
            Map<String, PreparedStatement> reads = new HashMap<>();
            for (String sql : List.of(DerbyDialect.SELECT_INLINE_SEQS, DerbyDialect.SELECT_ENTRY_SEQS,
                DerbyDialect.SELECT_INLINE_ENTRIES, DerbyDialect.SELECT_ENTRIES)) {
                reads.put(sql, c.prepareStatement(sql));
            }
            for (int i = 0; i < 10; i++) {
                enqueue(BATCH, true);
            }
            long[] queue = queueAndVirtualHost(c);
            try (Statement s = c.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
            }
            for (Map.Entry<String, PreparedStatement> read : reads.entrySet()) {
                assertThat(planOf(c, queue, read.getValue(), read.getKey())).as(read.getKey())
                    .contains("Index Scan ResultSet").doesNotContain("Table Scan ResultSet");
            }
        }
    }

    /**
     * Runs one range read for the queue q1 ({@code queue}: its id and its virtual host's) and returns
     * Derby's description of the plan it ran.
     */
    private static String planOf(Connection c, long[] queue, PreparedStatement read, String sql)
        throws SQLException {
        long queueId = queue[0];
        if (sql.equals(DerbyDialect.SELECT_ENTRIES)) {
            read.setInt(1, (int) queue[1]);
            read.setLong(2, queueId);
            read.setLong(3, 0);
            read.setLong(4, 100);
        } else {
            read.setLong(1, queueId);
            read.setLong(2, 0);
            read.setLong(3, 100);
        }
        try (ResultSet rs = read.executeQuery()) {
            assertThat(rs.next()).as("rows of %s", sql).isTrue();
            while (rs.next()) {
                // read to the end so that the statistics are complete
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The ids of the queue q1 and of its virtual host. */
    private static long[] queueAndVirtualHost(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT QUEUE_ID, VHOST_ID FROM FP_QUEUE WHERE NAME = 'q1'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
