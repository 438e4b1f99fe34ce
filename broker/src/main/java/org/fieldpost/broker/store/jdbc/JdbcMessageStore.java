package org.fieldpost.broker.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.PreparedBranchRecord;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveryHandler;
import org.fieldpost.broker.store.StoreException;
import org.fieldpost.broker.store.StoreTransaction;

/**
 * One virtual host's view of a {@link JdbcStoreEngine}: the {@link MessageStore} the virtual host
 * uses. Its rows carry the virtual host's id; its writes go through the engine's one writer thread
 * (topology changes as blocking tasks, message work as group-committed transactions).
 *
 * <p>Concurrency: thread-safe; see {@link MessageStore}. Topology methods block until committed and
 * must not be called from a store callback (the writer thread).
 */
final class JdbcMessageStore implements MessageStore {

    private final JdbcStoreEngine engine;
    private final String virtualHost;
    private volatile int vhostId = -1;
    private volatile boolean open;

    JdbcMessageStore(JdbcStoreEngine engine, String virtualHost) {
        this.engine = engine;
        this.virtualHost = virtualHost;
    }

    JdbcStoreEngine engine() {
        return engine;
    }

    @Override
    public void open() {
        vhostId = engine.writer().call(this::registerVirtualHost);
        open = true;
    }

    private int registerVirtualHost(Connection c) throws SQLException {
        try (PreparedStatement find = c.prepareStatement(DerbyDialect.FIND_VHOST)) {
            find.setString(1, virtualHost);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        int id;
        try (var s = c.createStatement()) {
            id = (int) JdbcSupport.longOrZero(s, DerbyDialect.MAX_VHOST_ID) + 1;
        }
        try (PreparedStatement insert = c.prepareStatement(DerbyDialect.INSERT_VHOST)) {
            insert.setInt(1, id);
            insert.setString(2, virtualHost);
            insert.executeUpdate();
        }
        return id;
    }

    @Override
    public void createExchange(ExchangeRecord exchange) {
        int vhost = checkOpen();
        engine.writer().call(c -> {
            try (PreparedStatement delete = c.prepareStatement(DerbyDialect.DELETE_EXCHANGE);
                 PreparedStatement insert = c.prepareStatement(DerbyDialect.INSERT_EXCHANGE)) {
                delete.setInt(1, vhost);
                delete.setString(2, exchange.name());
                delete.executeUpdate();
                insert.setInt(1, vhost);
                insert.setString(2, exchange.name());
                insert.setString(3, exchange.type());
                insert.setShort(4, JdbcSupport.flag(exchange.autoDelete()));
                insert.setShort(5, JdbcSupport.flag(exchange.internal()));
                insert.setBytes(6, StoredForms.arguments(exchange.arguments()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteExchange(String name) {
        int vhost = checkOpen();
        engine.writer().call(c -> {
            try (PreparedStatement bindings = c.prepareStatement(DerbyDialect.DELETE_EXCHANGE_BINDINGS);
                 PreparedStatement delete = c.prepareStatement(DerbyDialect.DELETE_EXCHANGE)) {
                bindings.setInt(1, vhost);
                bindings.setString(2, name);
                bindings.setString(3, name);
                bindings.executeUpdate();
                delete.setInt(1, vhost);
                delete.setString(2, name);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void createQueue(QueueRecord queue) {
        int vhost = checkOpen();
        GroupCommitWriter writer = engine.writer();
        writer.call(c -> {
            Long existing = writer.ids().queueId(vhost, queue.name());
            if (existing != null) {
                try (PreparedStatement update = c.prepareStatement(DerbyDialect.UPDATE_QUEUE)) {
                    update.setShort(1, JdbcSupport.flag(queue.autoDelete()));
                    update.setBytes(2, StoredForms.arguments(queue.arguments()));
                    update.setLong(3, existing);
                    update.executeUpdate();
                }
                return null;
            }
            long id = writer.ids().nextQueueId();
            try (PreparedStatement insert = c.prepareStatement(DerbyDialect.INSERT_QUEUE)) {
                insert.setLong(1, id);
                insert.setInt(2, vhost);
                insert.setString(3, queue.name());
                insert.setShort(4, JdbcSupport.flag(queue.autoDelete()));
                insert.setBytes(5, StoredForms.arguments(queue.arguments()));
                insert.executeUpdate();
            }
            writer.ids().putQueueId(vhost, queue.name(), id);
            return null;
        });
    }

    @Override
    public void deleteQueue(String name) {
        int vhost = checkOpen();
        GroupCommitWriter writer = engine.writer();
        writer.call(c -> {
            Long id = writer.ids().queueId(vhost, name);
            if (id == null) {
                return null;
            }
            // shared messages first (they are found through the entries), then entries, the messages
            // the queue held alone, the queue and its bindings
            for (String sql : List.of(DerbyDialect.RELEASE_QUEUE_MESSAGES,
                DerbyDialect.DELETE_RELEASED_QUEUE_MESSAGES)) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setInt(1, vhost);
                    s.setLong(2, id);
                    s.executeUpdate();
                }
            }
            for (String sql : List.of(DerbyDialect.DELETE_QUEUE_ENTRIES, DerbyDialect.DELETE_QUEUE_INLINE_MESSAGES,
                DerbyDialect.DELETE_QUEUE)) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, id);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(DerbyDialect.DELETE_QUEUE_BINDINGS)) {
                s.setInt(1, vhost);
                s.setString(2, name);
                s.executeUpdate();
            }
            writer.ids().removeQueueId(vhost, name);
            return null;
        });
    }

    @Override
    public void createBinding(BindingRecord binding) {
        int vhost = checkOpen();
        GroupCommitWriter writer = engine.writer();
        writer.call(c -> {
            if (!findBindings(c, vhost, binding).isEmpty()) {
                return null;
            }
            try (PreparedStatement insert = c.prepareStatement(DerbyDialect.INSERT_BINDING)) {
                insert.setLong(1, writer.ids().nextBindingId());
                insert.setInt(2, vhost);
                insert.setString(3, binding.source());
                insert.setString(4, binding.destination());
                insert.setShort(5, JdbcSupport.flag(binding.destinationIsExchange()));
                insert.setString(6, binding.routingKey());
                insert.setBytes(7, StoredForms.arguments(binding.arguments()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteBinding(BindingRecord binding) {
        int vhost = checkOpen();
        engine.writer().call(c -> {
            try (PreparedStatement delete = c.prepareStatement(DerbyDialect.DELETE_BINDING)) {
                for (long id : findBindings(c, vhost, binding)) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Ids of the stored bindings equal to {@code binding} (arguments compared as field values). */
    private static List<Long> findBindings(Connection c, int vhost, BindingRecord binding) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement find = c.prepareStatement(DerbyDialect.FIND_BINDINGS)) {
            find.setInt(1, vhost);
            find.setString(2, binding.source());
            find.setString(3, binding.destination());
            find.setShort(4, JdbcSupport.flag(binding.destinationIsExchange()));
            find.setString(5, binding.routingKey());
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    if (FieldValues.mapsEqual(StoredForms.arguments(rs.getBytes(2)), binding.arguments())) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    @Override
    public StoreTransaction beginTransaction() {
        checkOpen();
        return new JdbcTransaction(this);
    }

    /** Hands a committed transaction's work to the writer. */
    void submit(List<StoreOp> ops, CompletableFuture<Void> done, boolean deferrable) {
        engine.writer().submit(new GroupCommitWriter.TxWork(checkOpen(), ops, done, deferrable));
    }

    @Override
    public void recover(RecoveryHandler handler, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize " + batchSize);
        }
        new JdbcRecovery(engine, checkOpen(), handler, batchSize).run();
    }

    @Override
    public Map<Long, Message> readMessages(long[] messageIds) {
        int vhost = checkOpen();
        return engine.read(c -> {
            Map<Long, Message> found = new HashMap<>(messageIds.length * 2);
            try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_MESSAGE)) {
                s.setInt(1, vhost);
                for (long id : messageIds) {
                    s.setLong(2, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            found.put(id, StoredForms.message(id, rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getLong(4), rs.getBytes(5), rs.getBytes(6)));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void recoverPrepared(Consumer<PreparedBranchRecord> visitor) {
        int vhost = checkOpen();
        List<PreparedBranchRecord> branches = engine.read(c -> {
            List<PreparedBranchRecord> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(DerbyDialect.SELECT_PREPARED)) {
                s.setInt(1, vhost);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(StoredForms.preparedWork(rs.getBytes(1)));
                    }
                }
            }
            return found;
        });
        branches.forEach(visitor);
    }

    /** Waits until the work committed so far is durable; the engine stays open for other hosts. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            engine.writer().call(c -> null);
        } catch (StoreException e) {
            // the engine closed first: its close finished the work
        }
    }

    private int checkOpen() {
        if (!open) {
            throw new IllegalStateException("store of vhost '" + virtualHost + "' is not open");
        }
        return vhostId;
    }

    @Override
    public String toString() {
        return "store of vhost '" + virtualHost + "' in " + engine.description();
    }
}
