package org.fieldpost.broker.store.jdbc;

import java.util.List;

/**
 * Every SQL statement of the JDBC store, written for Apache Derby. Another database would get a
 * sibling class with the same statements in its own SQL.
 *
 * <p>The schema (version {@value #SCHEMA_VERSION}):
 * <ul>
 *   <li>{@code FP_SCHEMA} one row: the schema version; a broker refuses a version it does not know
 *       and upgrades an older one it knows ({@link #UPGRADE_FROM_1}).
 *   <li>{@code FP_STATE} one row: whether the last shutdown was clean (false while running).
 *   <li>{@code FP_VHOST} virtual host names and their small ids.
 *   <li>{@code FP_EXCHANGE}, {@code FP_QUEUE}, {@code FP_BINDING}: durable topology, arguments as
 *       AMQP field tables. Queues get a numeric id, unique across virtual hosts, that entries refer to.
 *   <li>{@code FP_MESSAGE} one row per persistent message, whatever the number of queues holding
 *       it ({@code REFS}); properties in their AMQP content-header encoding. A message held by one
 *       queue carries that queue's entry in its own row ({@code QUEUE_ID}, {@code SEQ}, {@code
 *       DELIVERY_COUNT}; index {@code FP_MESSAGE_ORDER}): one heap row and two index entries per
 *       message. Otherwise ({@code QUEUE_ID} NULL) its entries are rows of {@code FP_ENTRY}.
 *   <li>{@code FP_ENTRY} one row per (queue, message) of a message stored for several queues
 *       (and of every message a version-1 broker stored), with the queue order ({@code SEQ}) and
 *       the delivery count.
 *   <li>{@code FP_PREPARED} prepared XA branches and their work, one row each.
 * </ul>
 *
 * <p>Sequence numbers come from one counter for the whole database, so a queue's order is the
 * order of {@code SEQ} over both forms of its entries.
 *
 * <p>Plans (checked with {@code derby.language.logQueryPlan}): every update and delete of the
 * writer finds its row by an equality on the whole primary key, a unique-index probe; recovery
 * reads are range scans of {@code FP_MESSAGE_ORDER} and {@code FP_ENTRY_ORDER}, the sequence
 * numbers from the index alone. These plans are the same whether a statement is compiled on an
 * empty table or a full one ({@code StatementPlanTest}), which is why the stale-plan check can be off
 * ({@link DerbySupport#DYNAMIC_PROPERTIES}).
 *
 * <p>Concurrency: stateless constants.
 */
final class DerbyDialect {

    /** The schema version this broker reads and writes. */
    static final int SCHEMA_VERSION = 2;

    static final String SCHEMA_VERSION_QUERY = "SELECT VERSION FROM FP_SCHEMA";

    static final List<String> CREATE_SCHEMA = List.of(
        "CREATE TABLE FP_SCHEMA (VERSION INT NOT NULL)",
        "INSERT INTO FP_SCHEMA (VERSION) VALUES (" + SCHEMA_VERSION + ")",
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
            + " QUEUE_ID BIGINT, SEQ BIGINT, DELIVERY_COUNT INT, PRIMARY KEY (VHOST_ID, MESSAGE_ID))",
        "CREATE INDEX FP_MESSAGE_ORDER ON FP_MESSAGE (QUEUE_ID, SEQ)",
        "CREATE TABLE FP_ENTRY (QUEUE_ID BIGINT NOT NULL, MESSAGE_ID BIGINT NOT NULL, SEQ BIGINT NOT NULL,"
            + " DELIVERY_COUNT INT NOT NULL, PRIMARY KEY (QUEUE_ID, MESSAGE_ID))",
        "CREATE INDEX FP_ENTRY_ORDER ON FP_ENTRY (QUEUE_ID, SEQ)",
        "CREATE TABLE FP_PREPARED (VHOST_ID INT NOT NULL, FORMAT_ID INT NOT NULL,"
            + " GLOBAL_ID VARCHAR(64) FOR BIT DATA NOT NULL, BRANCH_QUALIFIER VARCHAR(64) FOR BIT DATA NOT NULL,"
            + " BRANCH_WORK BLOB NOT NULL, PRIMARY KEY (VHOST_ID, FORMAT_ID, GLOBAL_ID, BRANCH_QUALIFIER))");

    /**
     * Upgrades a version-1 database (every entry in {@code FP_ENTRY}) to version 2, in one
     * transaction: the added columns are NULL in existing rows, which keep their entries, and the
     * columns come last as in {@link #CREATE_SCHEMA}.
     */
    static final List<String> UPGRADE_FROM_1 = List.of(
        "ALTER TABLE FP_MESSAGE ADD COLUMN QUEUE_ID BIGINT",
        "ALTER TABLE FP_MESSAGE ADD COLUMN SEQ BIGINT",
        "ALTER TABLE FP_MESSAGE ADD COLUMN DELIVERY_COUNT INT",
        "CREATE INDEX FP_MESSAGE_ORDER ON FP_MESSAGE (QUEUE_ID, SEQ)",
        "UPDATE FP_SCHEMA SET VERSION = 2");

    // Start-up state.
    static final String READ_CLEAN_SHUTDOWN = "SELECT CLEAN_SHUTDOWN FROM FP_STATE";
    static final String WRITE_CLEAN_SHUTDOWN = "UPDATE FP_STATE SET CLEAN_SHUTDOWN = ?";
    static final String MAX_QUEUE_ID = "SELECT MAX(QUEUE_ID) FROM FP_QUEUE";
    static final String MAX_BINDING_ID = "SELECT MAX(BINDING_ID) FROM FP_BINDING";
    /** The last sequence number used, over both forms of entries. */
    static final List<String> MAX_SEQS = List.of("SELECT MAX(SEQ) FROM FP_MESSAGE", "SELECT MAX(SEQ) FROM FP_ENTRY");
    static final String ALL_QUEUE_IDS = "SELECT VHOST_ID, NAME, QUEUE_ID FROM FP_QUEUE";

    // Virtual hosts.
    static final String FIND_VHOST = "SELECT VHOST_ID FROM FP_VHOST WHERE NAME = ?";
    static final String MAX_VHOST_ID = "SELECT MAX(VHOST_ID) FROM FP_VHOST";
    static final String INSERT_VHOST = "INSERT INTO FP_VHOST (VHOST_ID, NAME) VALUES (?, ?)";

    // Exchanges.
    static final String DELETE_EXCHANGE = "DELETE FROM FP_EXCHANGE WHERE VHOST_ID = ? AND NAME = ?";
    static final String INSERT_EXCHANGE = "INSERT INTO FP_EXCHANGE (VHOST_ID, NAME, TYPE, AUTO_DELETE, INTERNAL,"
        + " ARGUMENTS) VALUES (?, ?, ?, ?, ?, ?)";
    static final String DELETE_EXCHANGE_BINDINGS = "DELETE FROM FP_BINDING WHERE VHOST_ID = ?"
        + " AND (SOURCE = ? OR (DESTINATION = ? AND TO_EXCHANGE = 1))";
    static final String SELECT_EXCHANGES = "SELECT NAME, TYPE, AUTO_DELETE, INTERNAL, ARGUMENTS FROM FP_EXCHANGE"
        + " WHERE VHOST_ID = ? ORDER BY NAME";

    // Queues.
    static final String FIND_QUEUE = "SELECT QUEUE_ID FROM FP_QUEUE WHERE VHOST_ID = ? AND NAME = ?";
    static final String INSERT_QUEUE = "INSERT INTO FP_QUEUE (QUEUE_ID, VHOST_ID, NAME, AUTO_DELETE, ARGUMENTS)"
        + " VALUES (?, ?, ?, ?, ?)";
    static final String UPDATE_QUEUE = "UPDATE FP_QUEUE SET AUTO_DELETE = ?, ARGUMENTS = ? WHERE QUEUE_ID = ?";
    static final String DELETE_QUEUE = "DELETE FROM FP_QUEUE WHERE QUEUE_ID = ?";
    static final String DELETE_QUEUE_BINDINGS = "DELETE FROM FP_BINDING WHERE VHOST_ID = ? AND DESTINATION = ?"
        + " AND TO_EXCHANGE = 0";
    /** Deletes the messages held by a queue being deleted alone (an index range scan). */
    static final String DELETE_QUEUE_INLINE_MESSAGES = "DELETE FROM FP_MESSAGE WHERE QUEUE_ID = ?";
    /** Releases the shared messages of a queue being deleted: one reference each ((queue, message) is unique). */
    static final String RELEASE_QUEUE_MESSAGES = "UPDATE FP_MESSAGE SET REFS = REFS - 1 WHERE VHOST_ID = ?"
        + " AND MESSAGE_ID IN (SELECT MESSAGE_ID FROM FP_ENTRY WHERE QUEUE_ID = ?)";
    static final String DELETE_RELEASED_QUEUE_MESSAGES = "DELETE FROM FP_MESSAGE WHERE VHOST_ID = ? AND REFS <= 0"
        + " AND MESSAGE_ID IN (SELECT MESSAGE_ID FROM FP_ENTRY WHERE QUEUE_ID = ?)";
    static final String DELETE_QUEUE_ENTRIES = "DELETE FROM FP_ENTRY WHERE QUEUE_ID = ?";
    static final String SELECT_QUEUES = "SELECT QUEUE_ID, NAME, AUTO_DELETE, ARGUMENTS FROM FP_QUEUE"
        + " WHERE VHOST_ID = ? ORDER BY QUEUE_ID";

    // Bindings.
    static final String FIND_BINDINGS = "SELECT BINDING_ID, ARGUMENTS FROM FP_BINDING WHERE VHOST_ID = ?"
        + " AND SOURCE = ? AND DESTINATION = ? AND TO_EXCHANGE = ? AND ROUTING_KEY = ?";
    static final String INSERT_BINDING = "INSERT INTO FP_BINDING (BINDING_ID, VHOST_ID, SOURCE, DESTINATION,"
        + " TO_EXCHANGE, ROUTING_KEY, ARGUMENTS) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_BINDING = "DELETE FROM FP_BINDING WHERE BINDING_ID = ?";
    static final String SELECT_BINDINGS = "SELECT SOURCE, DESTINATION, TO_EXCHANGE, ROUTING_KEY, ARGUMENTS"
        + " FROM FP_BINDING WHERE VHOST_ID = ? ORDER BY BINDING_ID";

    // Message work (batched by the writer).
    /**
     * A message with its parameters 10 to 12: queue id, sequence and delivery count of its one entry
     * (all NULL for a message whose entries go to {@code FP_ENTRY}).
     */
    static final String INSERT_MESSAGE = "INSERT INTO FP_MESSAGE (VHOST_ID, MESSAGE_ID, REFS, EXCHANGE,"
        + " ROUTING_KEY, ARRIVAL, EXPIRES, PROPERTIES, BODY, QUEUE_ID, SEQ, DELIVERY_COUNT)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Moves the entry an existing message holds in its own row to {@code FP_ENTRY}; see {@link #SHARE_MESSAGE}. */
    static final String MOVE_INLINE_ENTRY = "INSERT INTO FP_ENTRY (QUEUE_ID, MESSAGE_ID, SEQ, DELIVERY_COUNT)"
        + " SELECT QUEUE_ID, MESSAGE_ID, SEQ, DELIVERY_COUNT FROM FP_MESSAGE WHERE VHOST_ID = ? AND MESSAGE_ID = ?"
        + " AND QUEUE_ID IS NOT NULL";
    /** Adds references to an existing message, whose entries are in {@code FP_ENTRY} from then on. */
    static final String SHARE_MESSAGE = "UPDATE FP_MESSAGE SET REFS = REFS + ?, QUEUE_ID = NULL, SEQ = NULL,"
        + " DELIVERY_COUNT = NULL WHERE VHOST_ID = ? AND MESSAGE_ID = ?";
    static final String INSERT_ENTRY = "INSERT INTO FP_ENTRY (QUEUE_ID, MESSAGE_ID, SEQ, DELIVERY_COUNT)"
        + " VALUES (?, ?, ?, 0)";
    /** The delivery count of an entry held in its message's row; 0 rows: see {@link #UPDATE_DELIVERY_COUNT}. */
    static final String UPDATE_INLINE_DELIVERY_COUNT = "UPDATE FP_MESSAGE SET DELIVERY_COUNT = ? WHERE VHOST_ID = ?"
        + " AND MESSAGE_ID = ? AND QUEUE_ID = ?";
    static final String UPDATE_DELIVERY_COUNT = "UPDATE FP_ENTRY SET DELIVERY_COUNT = ? WHERE QUEUE_ID = ?"
        + " AND MESSAGE_ID = ?";
    /** Deletes a message held by one queue with its entry; 0 rows: see {@link #DELETE_ENTRY}. */
    static final String DELETE_INLINE_MESSAGE = "DELETE FROM FP_MESSAGE WHERE VHOST_ID = ? AND MESSAGE_ID = ?"
        + " AND QUEUE_ID = ?";
    static final String DELETE_ENTRY = "DELETE FROM FP_ENTRY WHERE QUEUE_ID = ? AND MESSAGE_ID = ?";
    /** Deletes a message losing its last {@code ?} references; paired with {@link #RELEASE_MESSAGE_REFS}. */
    static final String DELETE_RELEASED_MESSAGE = "DELETE FROM FP_MESSAGE WHERE VHOST_ID = ? AND MESSAGE_ID = ?"
        + " AND REFS <= ? AND QUEUE_ID IS NULL";
    static final String RELEASE_MESSAGE_REFS = "UPDATE FP_MESSAGE SET REFS = REFS - ? WHERE VHOST_ID = ?"
        + " AND MESSAGE_ID = ? AND REFS > ? AND QUEUE_ID IS NULL";
    static final String INSERT_PREPARED = "INSERT INTO FP_PREPARED (VHOST_ID, FORMAT_ID, GLOBAL_ID,"
        + " BRANCH_QUALIFIER, BRANCH_WORK) VALUES (?, ?, ?, ?, ?)";
    static final String DELETE_PREPARED = "DELETE FROM FP_PREPARED WHERE VHOST_ID = ? AND FORMAT_ID = ?"
        + " AND GLOBAL_ID = ? AND BRANCH_QUALIFIER = ?";

    // Recovery and reading: a queue's entries are the union of its messages' own rows and its FP_ENTRY rows.
    /** The sequence numbers of the next entries a queue holds in message rows (the index alone). */
    static final String SELECT_INLINE_SEQS = "SELECT SEQ FROM FP_MESSAGE WHERE QUEUE_ID = ? AND SEQ > ?"
        + " ORDER BY SEQ FETCH FIRST ? ROWS ONLY";
    /** The sequence numbers of the next entries a queue holds in {@code FP_ENTRY} (the index alone). */
    static final String SELECT_ENTRY_SEQS = "SELECT SEQ FROM FP_ENTRY WHERE QUEUE_ID = ? AND SEQ > ?"
        + " ORDER BY SEQ FETCH FIRST ? ROWS ONLY";
    /** A queue's messages held in their own rows, within a range of sequence numbers, in queue order. */
    static final String SELECT_INLINE_ENTRIES = "SELECT SEQ, MESSAGE_ID, DELIVERY_COUNT, REFS, EXCHANGE,"
        + " ROUTING_KEY, ARRIVAL, EXPIRES, PROPERTIES, BODY FROM FP_MESSAGE"
        + " WHERE QUEUE_ID = ? AND SEQ > ? AND SEQ <= ? ORDER BY SEQ";
    /** A queue's {@code FP_ENTRY} entries within a range of sequence numbers, in queue order, with their messages. */
    static final String SELECT_ENTRIES = "SELECT e.SEQ, e.MESSAGE_ID, e.DELIVERY_COUNT, m.REFS, m.EXCHANGE,"
        + " m.ROUTING_KEY, m.ARRIVAL, m.EXPIRES, m.PROPERTIES, m.BODY FROM FP_ENTRY e"
        + " JOIN FP_MESSAGE m ON m.VHOST_ID = ? AND m.MESSAGE_ID = e.MESSAGE_ID"
        + " WHERE e.QUEUE_ID = ? AND e.SEQ > ? AND e.SEQ <= ? ORDER BY e.SEQ";
    /**
     * One message by its full primary key. Paging reads messages one key at a time on purpose: Derby
     * plans {@code MESSAGE_ID IN (...)} on the second column of the key as a scan of the vhost's
     * messages, which made each page-in cost a pass over the whole table (quadratic in the queue
     * length); an equality on the whole key is always a unique-index probe.
     */
    static final String SELECT_MESSAGE = "SELECT EXCHANGE, ROUTING_KEY, ARRIVAL, EXPIRES, PROPERTIES, BODY"
        + " FROM FP_MESSAGE WHERE VHOST_ID = ? AND MESSAGE_ID = ?";

    static final String SELECT_PREPARED = "SELECT BRANCH_WORK FROM FP_PREPARED WHERE VHOST_ID = ?";

    private DerbyDialect() {
    }
}
