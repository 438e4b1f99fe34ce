package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.fieldpost.broker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that is peculiar to embedded Apache Derby, in one place: the system properties Derby
 * reads once at boot, the URL of a database in the data directory, booting, and the shutdown
 * protocol in which success is reported as an {@link SQLException} (SQLState {@code 08006} for one
 * database, {@code XJ015} for the whole engine).
 *
 * <p>Derby keeps its default durability: the transaction log is forced to disk at every commit.
 * Nothing here sets {@code derby.system.durability}.
 *
 * <p>Concurrency: static methods, safe from any thread; {@link #prepareSystem} is synchronized so
 * that the first broker of the JVM fixes the engine-wide properties before the engine boots.
 */
public final class DerbySupport {

    private static final Logger LOG = LoggerFactory.getLogger(DerbySupport.class);

    /** SQLState of a successful single-database shutdown. */
    static final String DATABASE_SHUT_DOWN = "08006";
    /** SQLState of a successful engine-wide shutdown. */
    static final String SYSTEM_SHUT_DOWN = "XJ015";
    /** SQLState of a duplicate key. */
    static final String DUPLICATE_KEY = "23505";
    /** SQLState of "table does not exist". */
    static final String NO_SUCH_TABLE = "42X05";
    /** SQLState of "another instance of Derby may have already booted the database". */
    private static final String ALREADY_BOOTED = "XSDB6";
    private static final String URL_PREFIX = "jdbc:derby:";
    private static final String DATABASE_NAME = "store";

    private DerbySupport() {
    }

    /**
     * The URL of the embedded database kept in {@code dataDirectory}, created when missing.
     */
    public static String embeddedUrl(Path dataDirectory) {
        return URL_PREFIX + dataDirectory.resolve(DATABASE_NAME).toAbsolutePath() + ";create=true";
    }

    /** True for a URL of the embedded driver (as opposed to {@code jdbc:derby://host/...}). */
    static boolean isEmbedded(String url) {
        return url.startsWith(URL_PREFIX) && !url.startsWith(URL_PREFIX + "//");
    }

    /**
     * Sets the engine-wide system properties Derby reads when it boots, unless the user set them:
     * {@code derby.log} goes to the data directory and is appended to (not overwritten) at every
     * boot, so the history of a crash survives the restart. Only the first call in a JVM matters
     * once the engine is up.
     */
    static synchronized void prepareSystem(Path dataDirectory) {
        setIfAbsent("derby.stream.error.file", dataDirectory.resolve("derby.log").toAbsolutePath().toString());
        setIfAbsent("derby.infolog.append", "true");
        // Row locks held by the single writer never wait on each other; a long wait means a bug.
        setIfAbsent("derby.locks.waitTimeout", "30");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Database properties set once when the schema is created (they live in the database and apply
     * from its next boot). Table-level locking: the group-commit writer is the only writer, so row
     * locks only cost CPU (thousands per commit); readers wait at most for one commit. Checkpoints
     * every 64 MB of log and 16 MB log files instead of 10 MB and 1 MB: a queue's worth of 1 KiB
     * messages writes a lot of log, and each checkpoint or log switch forces files to disk; the price
     * is a longer log replay after a crash (seconds). Commits still force the log: durability is
     * Derby's default.
     */
    static final List<String> DATABASE_PROPERTIES = List.of(
        "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.rowLocking', 'false')",
        "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.checkpointInterval', '67108864')",
        "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.logSwitchInterval', '16777216')");

    /**
     * Dynamic database properties set at every open, so that a database created by an earlier
     * release gets them too. The stale-plan check is off: Derby recompiles a statement when the row
     * count of a table it reads changes "significantly" since its compilation, and for a table that
     * swings between empty and thousands of rows (a queue) that happens every hundred executions,
     * each time generating, loading and JIT-compiling a new class. Every statement of the writer
     * probes a unique index whatever the row count, and the range reads choose their index on an
     * empty table as on a full one ({@code DerbyDialect}), so nothing is gained by recompiling.
     */
    static final List<String> DYNAMIC_PROPERTIES = List.of(
        "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.language.stalePlanCheckInterval', '"
            + Integer.MAX_VALUE + "')");

    /**
     * Reboots a database whose static properties were just set, so that they apply. The connections
     * to it must be closed.
     */
    static void reboot(String url) {
        shutdownDatabase(url);
    }

    /**
     * Opens a connection, booting the database (and the engine) as needed.
     *
     * @throws StoreException naming the database when it cannot be booted, with a clear message when
     *     another Derby engine (another JVM) holds it
     */
    static Connection connect(String url) {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            if (hasState(e, ALREADY_BOOTED)) {
                throw new StoreException("the database " + withoutAttributes(url)
                    + " is in use by another process (Derby: " + e.getMessage() + ")", e);
            }
            throw new StoreException("cannot open the database " + withoutAttributes(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Shuts one embedded database down cleanly (a checkpoint, so the next boot has no log to
     * replay). Does nothing for a network-server URL. Never throws: a failure is logged.
     */
    static void shutdownDatabase(String url) {
        if (!isEmbedded(url)) {
            return;
        }
        try {
            DriverManager.getConnection(withoutAttributes(url) + ";shutdown=true").close();
            LOG.warn("FP-S020 Derby did not report the shutdown of {}", withoutAttributes(url));
        } catch (SQLException e) {
            if (!DATABASE_SHUT_DOWN.equals(e.getSQLState())) {
                LOG.warn("FP-S021 shutting down {} failed", withoutAttributes(url), e);
            }
        }
    }

    /**
     * Shuts the whole embedded engine down; for a process that is about to exit (the {@code
     * fieldpost} program). Never throws.
     */
    public static void shutdownSystem() {
        try {
            DriverManager.getConnection(URL_PREFIX + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!SYSTEM_SHUT_DOWN.equals(e.getSQLState())) {
                LOG.warn("FP-S022 shutting down the Derby engine failed", e);
            }
        }
    }

    /** True when {@code e} or one of its chained or causing exceptions has {@code sqlState}. */
    static boolean hasState(SQLException e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if (sqlState.equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The URL without its {@code ;attribute=value} part (for messages and shutdown). */
    static String withoutAttributes(String url) {
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? url : url.substring(0, semicolon);
    }
}
