package org.fieldpost.broker.store;

import java.util.Map;
import java.util.function.Consumer;
import org.fieldpost.broker.message.Message;

/**
 * The durable state of one virtual host: durable exchanges, queues and bindings, the persistent
 * messages on durable queues, and prepared XA branches. Transient messages and non-durable (or
 * exclusive) queues never reach the store.
 *
 * <p>Implementations: {@link InMemoryMessageStore} (tests, transient brokers) and, later, a JDBC
 * store with one writer thread that group-commits the transactions of all queues. Every
 * implementation passes {@code MessageStoreContractTest}.
 *
 * <p>Concurrency: all methods are thread-safe. Topology methods block until the change is durable
 * (they are rare: declare and delete); message work goes through non-blocking
 * {@link StoreTransaction}s. Every method throws {@link StoreException} (unchecked, with the cause)
 * when the store fails, and {@link IllegalStateException} when called before {@link #open()} or
 * after {@link #close()}.
 */
public interface MessageStore extends AutoCloseable {

    /** Opens (and creates when missing) the store. Blocks; call once, before anything else. */
    void open();

    /** Stores a durable exchange, replacing one of the same name. Blocks until durable. */
    void createExchange(ExchangeRecord exchange);

    /** Deletes an exchange and every binding from or to it; absent is not an error. Blocks until durable. */
    void deleteExchange(String name);

    /** Stores a durable queue, replacing one of the same name. Blocks until durable. */
    void createQueue(QueueRecord queue);

    /**
     * Deletes a queue, its entries (messages no longer referenced are deleted) and every binding to
     * it; absent is not an error. Blocks until durable.
     */
    void deleteQueue(String name);

    /** Stores a binding; storing an existing binding is not an error. Blocks until durable. */
    void createBinding(BindingRecord binding);

    /** Deletes a binding; absent is not an error. Blocks until durable. */
    void deleteBinding(BindingRecord binding);

    /** Starts a transaction for message work. Never blocks. */
    StoreTransaction beginTransaction();

    /**
     * Reads back everything stored, in the order {@link RecoveryHandler} describes, handing queue
     * entries over in batches of at most {@code batchSize} so that recovery memory stays bounded.
     * Blocks; called once at virtual host start-up, before any transaction.
     */
    void recover(RecoveryHandler handler, int batchSize);

    /**
     * Reads stored messages back by id, for a queue paging them in; ids the store does not hold are
     * absent from the result. Blocks; called on the pager thread, never under a queue lock.
     */
    Map<Long, Message> readMessages(long[] messageIds);

    /** Reads back every prepared XA branch not yet removed. Blocks; called at start-up. */
    void recoverPrepared(Consumer<PreparedBranchRecord> visitor);

    /** Waits for committed work to be durable and releases resources. Blocks; idempotent. */
    @Override
    void close();
}
