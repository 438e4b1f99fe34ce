package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by a version-1 broker (every entry in {@code FP_ENTRY}) is upgraded in place
 * when it is opened: its messages recover as they were, and new ones take the one-row form.
 */
class SchemaUpgradeTest {

    /** The schema of version 1, as the broker of that version created it. */
    private static final List<String> VERSION_1 = List.of(
        "CREATE TABLE FP_SCHEMA (VERSION INT NOT NULL)",
        "INSERT INTO FP_SCHEMA (VERSION) VALUES (1)",
        "CREATE TABLE FP_STATE (CLEAN_SHUTDOWN SMALLINT NOT NULL)",
        "INSERT INTO FP_STATE (CLEAN_SHUTDOWN) VALUES (1)",
        "CREATE TABLE FP_VHOST (VHOST_ID INT NOT NULL PRIMARY KEY, NAME VARCHAR(255) NOT NULL UNIQUE)",
        "CREATE TABLE FP_EXCHANGE (VHOST_ID INT NOT NULL, NAME VARCHAR(255) NOT NULL, TYPE VARCHAR(64) NOT NULL,"
            + " AUTO_DELETE SMALLINT NOT NULL, INTERNAL SMALLINT NOT NULL, ARGUMENTS BLOB NOT NULL,"
            + " PRIMARY KEY (VHOST_ID, NAME))",
        "CREATE TABLE FP_QUEUE (QUEUE_ID BIGINT NOT NULL PRIMARY KEY, VHOST_ID INT NOT NULL,"
            + " NAME VARCHAR(255) NOT NULL, AUTO_DELETE SMALLINT NOT NULL, ARGUMENTS BLOB NOT NULL,"
            + " UNIQUE (VHOST_ID, NAME))",
        "CREATE TABLE FP_BINDING (BINDING_ID BIGINT NOT NULL PRIMARY KEY, VHOST_ID INT NOT NULL,"
            + " SOURCE VARCHAR(255) NOT NULL, DESTINATION VARCHAR(255) NOT NULL, TO_EXCHANGE SMALLINT NOT NULL,"
            + " ROUTING_KEY VARCHAR(255) NOT NULL, ARGUMENTS BLOB NOT NULL)",
        "CREATE INDEX FP_BINDING_ENDS ON FP_BINDING (VHOST_ID, SOURCE, DESTINATION)",
        "CREATE TABLE FP_MESSAGE (VHOST_ID INT NOT NULL, MESSAGE_ID BIGINT NOT NULL, REFS INT NOT NULL,"
            + " EXCHANGE VARCHAR(255) NOT NULL, ROUTING_KEY VARCHAR(255) NOT NULL, ARRIVAL BIGINT NOT NULL,"
            + " EXPIRES BIGINT NOT NULL, PROPERTIES BLOB NOT NULL, BODY BLOB NOT NULL,"
            + " PRIMARY KEY (VHOST_ID, MESSAGE_ID))",
        "CREATE TABLE FP_ENTRY (QUEUE_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL, SEQ BIGINT NOT NULL,"
            + " DELIVERY_COUNT INT NOT NULL, PRIMARY KEY (QUEUE_ID, MESSAGE_ID))",
        "CREATE INDEX FP_ENTRY_ORDER ON FP_ENTRY (QUEUE_ID, SEQ)",
        "CREATE TABLE FP_PREPARED (VHOST_ID INT NOT NULL, FORMAT_ID INT NOT NULL,"
            + " GLOBAL_ID VARCHAR(64) FOR BIT DATA NOT NULL, BRANCH_QUALIFIER VARCHAR(64) FOR BIT DATA NOT NULL,"
            + " BRANCH_WORK BLOB NOT NULL, PRIMARY KEY (VHOST_ID, FORMAT_ID, GLOBAL_ID, BRANCH_QUALIFIER))",
        "INSERT INTO FP_VHOST (VHOST_ID, NAME) VALUES (1, '/')");
    private static final BasicProperties PERSISTENT = BasicProperties.builder().deliveryMode(2).build();
    private static final long Q1 = 1;
    private static final long Q2 = 2;

    @TempDir
    Path directory;

    private JdbcStoreEngine engine;
    private MessageStore store;

    @BeforeEach
    void writeAVersion1Store() throws Exception {
        try (Connection c = DriverManager.getConnection(DerbySupport.embeddedUrl(directory));
             Statement s = c.createStatement()) {
            for (String sql : VERSION_1) {
                s.executeUpdate(sql);
            }
            for (String property : DerbySupport.DATABASE_PROPERTIES) {
                s.execute(property);
            }
            queue(c, Q1, "q1");
            queue(c, Q2, "q2");
            // q1: 1, 2 (shared with q2), 3 (delivered twice), 4..8; sequence numbers not in id order
            entries(c, 2, Q1, 20, Q2, 21);
            entries(c, 1, Q1, 10);
            entries(c, 3, Q1, 30);
            for (long id = 4; id <= 8; id++) {
                entries(c, id, Q1, 30 + id);
            }
            s.executeUpdate("UPDATE FP_ENTRY SET DELIVERY_COUNT = 2 WHERE MESSAGE_ID = 3");
        }
        DerbySupport.shutdownDatabase(DerbySupport.embeddedUrl(directory));
    }

    @AfterEach
    void close() {
        if (engine != null) {
            store.close();
            engine.close();
        }
    }

    @Test
    void aVersion1StoreIsUpgradedAndItsMessagesRecoverInOrder() throws Exception {
        RecoveredQueues r = open(3);

        assertThat(version()).isEqualTo(2);
        assertThat(r.ids("q1")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(r.ids("q2")).containsExactly(2L);
        assertThat(r.deliveryCount("q1", 3)).isEqualTo(2);
        assertThat(r.batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
        assertThat(new String(r.entries.get("q1").get(0).message().body())).isEqualTo("body 1");
        assertThat(r.entries.get("q1").get(0).message().properties().deliveryMode()).isEqualTo(2);
    }

    @Test
    void afterTheUpgradeNewMessagesAreOneRowAndOldOnesStillGo() throws Exception {
        open(3);
        StoreTransaction tx = store.beginTransaction();
        tx.enqueue("q1", message(9));
        tx.dequeue("q1", 1);
        tx.dequeue("q1", 2);
        tx.commit().get(10, TimeUnit.SECONDS);

        assertThat(StoreRows.inlineMessages(directory)).isEqualTo(1);
        assertThat(StoreRows.count(directory, "FP_ENTRY")).as("6 of q1, 1 of q2").isEqualTo(7);
        assertThat(StoreRows.count(directory, "FP_MESSAGE")).as("1 gone, 2 kept for q2").isEqualTo(8);
        store.close();
        engine.close();
        RecoveredQueues r = open(3);
        assertThat(r.ids("q1")).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(r.ids("q2")).containsExactly(2L);
        assertThat(version()).isEqualTo(2);
    }

    @Test
    void aFailedUpgradeLeavesTheStoreAtVersion1() throws Exception {
        try (Connection c = StoreRows.connect(directory); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX FP_MESSAGE_ORDER ON FP_MESSAGE (ARRIVAL)"); // the upgrade's index name
        }
        DerbySupport.shutdownDatabase(DerbySupport.embeddedUrl(directory));

        assertThatThrownBy(() -> JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory))
            .isInstanceOf(StoreException.class);

        assertThat(version()).isEqualTo(1);
        try (Connection c = StoreRows.connect(directory); ResultSet rs = c.getMetaData()
            .getColumns(null, null, "FP_MESSAGE", "QUEUE_ID")) {
            assertThat(rs.next()).as("the added columns are rolled back").isFalse();
        }
    }

    private RecoveredQueues open(int batchSize) {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
        RecoveredQueues r = new RecoveredQueues();
        store.recover(r, batchSize);
        return r;
    }

    private int version() throws Exception {
        try (Connection c = StoreRows.connect(directory); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION FROM FP_SCHEMA")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void queue(Connection c, long id, String name) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FP_QUEUE (QUEUE_ID, VHOST_ID, NAME, AUTO_DELETE,"
            + " ARGUMENTS) VALUES (?, 1, ?, 0, ?)")) {
            s.setLong(1, id);
            s.setString(2, name);
            s.setBytes(3, StoredForms.arguments(Map.of()));
            s.executeUpdate();
        }
    }

    /** A message as version 1 stored it, with one entry per (queue id, sequence) pair. */
    private static void entries(Connection c, long id, long... queueAndSequence) throws Exception {
        Message m = message(id);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FP_MESSAGE (VHOST_ID, MESSAGE_ID, REFS,"
            + " EXCHANGE, ROUTING_KEY, ARRIVAL, EXPIRES, PROPERTIES, BODY) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setInt(2, queueAndSequence.length / 2);
            s.setString(3, m.exchange());
            s.setString(4, m.routingKey());
            s.setLong(5, m.arrivalMillis());
            s.setLong(6, m.expiresAtMillis());
            s.setBytes(7, StoredForms.properties(m));
            s.setBytes(8, m.body());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FP_ENTRY (QUEUE_ID, MESSAGE_ID, SEQ,"
            + " DELIVERY_COUNT) VALUES (?, ?, ?, 0)")) {
            for (int i = 0; i < queueAndSequence.length; i += 2) {
                s.setLong(1, queueAndSequence[i]);
                s.setLong(2, id);
                s.setLong(3, queueAndSequence[i + 1]);
                s.executeUpdate();
            }
        }
    }

    private static Message message(long id) {
        return Message.create(id, "", "q1", PERSISTENT, ("body " + id).getBytes(), 1000);
    }
}
