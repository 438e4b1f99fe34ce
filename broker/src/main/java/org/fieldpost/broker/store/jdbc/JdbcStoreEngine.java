package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC database shared by every virtual host of a broker: it owns the connections and the
 * single {@link GroupCommitWriter}, so the store work of all queues, channels and virtual hosts is
 * group-committed together. Each virtual host sees it through its own {@link JdbcMessageStore}
 * ({@link #store(String)}), whose rows carry the virtual host's id.
 *
 * <p>Opening checks the schema version (creating the schema in an empty database, upgrading a
 * version-1 database in place, refusing a version it does not know) and notes whether the previous
 * run shut down cleanly; after a crash, recovered entries are reported as possibly delivered.
 *
 * <p>Concurrency: thread-safe. The write connection belongs to the writer thread; the read
 * connection (recovery, reading bodies back) is guarded by {@code readLock}.
 */
public final class JdbcStoreEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreEngine.class);

    private final String url;
    private final Connection writeConnection;
    private final Connection readConnection; // guarded by readLock
    private final ReentrantLock readLock = new ReentrantLock();
    private final GroupCommitWriter writer;
    private final boolean previousRunCrashed;
    private final AtomicLong lastSequence;
    private final Object lifecycle = new Object();
    private boolean closed; // guarded by lifecycle

    private JdbcStoreEngine(String url, Connection writeConnection, Connection readConnection,
                            boolean previousRunCrashed, long lastSequence) throws SQLException {
        this.url = url;
        this.writeConnection = writeConnection;
        this.readConnection = readConnection;
        this.previousRunCrashed = previousRunCrashed;
        this.lastSequence = new AtomicLong(lastSequence);
        this.writer = new GroupCommitWriter(writeConnection);
        writer.start();
    }

    /**
     * Opens the database at {@code url} (creating the schema when it is empty) and starts the
     * writer. For an embedded Derby URL, {@code dataDirectory} receives {@code derby.log}. Blocks.
     *
     * @throws StoreException when the database cannot be opened or holds a schema version this
     *     broker does not know
     */
    public static JdbcStoreEngine open(String url, Path dataDirectory) {
        if (DerbySupport.isEmbedded(url)) {
            DerbySupport.prepareSystem(dataDirectory);
        }
        Connection write = null;
        Connection read = null;
        try {
            write = DerbySupport.connect(url);
            write.setAutoCommit(false);
            write.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            if (checkSchema(write, url) && DerbySupport.isEmbedded(url)) {
                // a new database: boot it again so that the properties set with the schema apply
                write.close();
                DerbySupport.reboot(url);
                write = DerbySupport.connect(url);
                write.setAutoCommit(false);
                write.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            setDynamicProperties(write);
            boolean crashed = markRunning(write);
            long lastSequence = 0;
            try (Statement s = write.createStatement()) {
                for (String sql : DerbyDialect.MAX_SEQS) {
                    lastSequence = Math.max(lastSequence, JdbcSupport.longOrZero(s, sql));
                }
            }
            write.commit();
            read = DerbySupport.connect(url);
            read.setAutoCommit(false);
            // Reads never wait for the writer: recovery runs before any write, and paging reads only
            // messages whose enqueue has committed.
            read.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            return new JdbcStoreEngine(url, write, read, crashed, lastSequence);
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.closeQuietly(read);
            JdbcSupport.closeQuietly(write);
            DerbySupport.shutdownDatabase(url);
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("cannot open the store " + DerbySupport.withoutAttributes(url) + ": "
                + e.getMessage(), e);
        }
    }

    /**
     * Checks the schema version, creating the schema in an empty database (then returns true) and
     * upgrading a version-1 database in place.
     */
    private static boolean checkSchema(Connection c, String url) throws SQLException {
        Integer version = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DerbyDialect.SCHEMA_VERSION_QUERY)) {
            if (rs.next()) {
                version = rs.getInt(1);
            }
        } catch (SQLException e) {
            if (!DerbySupport.hasState(e, DerbySupport.NO_SUCH_TABLE)) {
                throw e;
            }
            c.rollback();
            createSchema(c);
            return true;
        }
        if (version != null && version == 1) {
            upgradeFromVersion1(c, url);
            return false;
        }
        if (version == null || version != DerbyDialect.SCHEMA_VERSION) {
            throw new StoreException("the store " + DerbySupport.withoutAttributes(url) + " has schema version "
                + version + " but this broker knows only versions 1 to " + DerbyDialect.SCHEMA_VERSION
                + "; refusing to start (run the Fieldpost release that wrote it, or restore a backup)");
        }
        return false;
    }

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DerbyDialect.CREATE_SCHEMA) {
                s.executeUpdate(ddl);
            }
            for (String property : DerbySupport.DATABASE_PROPERTIES) {
                s.execute(property);
            }
        }
        c.commit();
        LOG.info("FP-S001 created store schema version {}", DerbyDialect.SCHEMA_VERSION);
    }

    /** One transaction: a failure leaves the database at version 1, as it was. */
    private static void upgradeFromVersion1(Connection c, String url) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DerbyDialect.UPGRADE_FROM_1) {
                s.executeUpdate(ddl);
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        c.commit();
        LOG.info("FP-S005 upgraded the store {} from schema version 1 to {}", DerbySupport.withoutAttributes(url),
            DerbyDialect.SCHEMA_VERSION);
    }

    private static void setDynamicProperties(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String property : DerbySupport.DYNAMIC_PROPERTIES) {
                s.execute(property);
            }
        }
        c.commit();
    }

    /** Records that the broker runs (not cleanly shut down) and returns whether the last run crashed. */
    private static boolean markRunning(Connection c) throws SQLException {
        boolean clean;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DerbyDialect.READ_CLEAN_SHUTDOWN)) {
            clean = !rs.next() || rs.getShort(1) != 0;
        }
        writeCleanShutdown(c, false);
        c.commit();
        if (!clean) {
            LOG.warn("FP-S002 the broker did not shut down cleanly last time; recovered messages will be "
                + "marked redelivered");
        }
        return !clean;
    }

    private static void writeCleanShutdown(Connection c, boolean clean) throws SQLException {
        try (var update = c.prepareStatement(DerbyDialect.WRITE_CLEAN_SHUTDOWN)) {
            update.setShort(1, JdbcSupport.flag(clean));
            update.executeUpdate();
        }
    }

    /** A view of this database for one virtual host (not opened yet). */
    public MessageStore store(String virtualHost) {
        return new JdbcMessageStore(this, virtualHost);
    }

    /** True when the previous run did not shut down cleanly (it crashed or was killed). */
    public boolean previousRunCrashed() {
        return previousRunCrashed;
    }

    /**
     * Group commits so far, the transactions they held, the enqueues that a dequeue in the same
     * commit cancelled and the writer's waits for acknowledgements: "N transactions in M commits;
     * C enqueues cancelled by a dequeue in the same commit; W waits for acknowledgements (...)".
     */
    public String statistics() {
        return writer.committedTransactions() + " transactions in " + writer.groupCommits() + " commits; "
            + writer.cancelledEnqueues() + " enqueues cancelled by a dequeue in the same commit; "
            + writer.withdrawals().statistics();
    }

    /** The database URL (without attributes), for messages. */
    public String description() {
        return DerbySupport.withoutAttributes(url);
    }

    // For the per-vhost stores.

    /**
     * Sets what runs when the store's writer fails for good (an error such as running out of memory):
     * from then on every store operation fails. Runs on the failed writer's thread; must not block.
     */
    public void onWriterFailure(Runnable listener) {
        writer.onFailure(listener);
    }

    GroupCommitWriter writer() {
        return writer;
    }

    long nextSequence() {
        return lastSequence.incrementAndGet();
    }

    /** Work on the read connection. */
    interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code read} on the read connection, then ends its transaction. Blocks. */
    <T> T read(Read<T> read) {
        readLock.lock();
        try {
            T result = read.run(readConnection);
            readConnection.commit();
            return result;
        } catch (SQLException e) {
            try {
                readConnection.rollback();
            } catch (SQLException ignored) {
                // the read failed already; report that
            }
            throw new StoreException("store read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Finishes the queued work, records a clean shutdown (unless work had to be refused) and closes
     * the database. Blocks; idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean complete = writer.stop();
        writer.closeStatements();
        try {
            writeCleanShutdown(writeConnection, complete);
            writeConnection.commit();
        } catch (SQLException e) {
            LOG.warn("FP-S003 could not record the clean shutdown", e);
        }
        readLock.lock();
        try {
            JdbcSupport.closeQuietly(readConnection);
        } finally {
            readLock.unlock();
        }
        JdbcSupport.closeQuietly(writeConnection);
        DerbySupport.shutdownDatabase(url);
        LOG.info("FP-S004 store {} closed{}: {}", description(), complete ? "" : " (some late work was refused)",
            statistics());
    }
}
