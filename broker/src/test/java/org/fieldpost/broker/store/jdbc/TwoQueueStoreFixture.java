package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import java.util.Map;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the Derby store tests that look at rows: a store in a fresh directory, open for
 * each test, with the durable queues {@code q1} and {@code q2}.
 */
abstract class TwoQueueStoreFixture {

    static final BasicProperties PERSISTENT = BasicProperties.builder().deliveryMode(2).build();

    @TempDir
    Path directory;

    JdbcStoreEngine engine;
    MessageStore store;

    @BeforeEach
    void openWithTwoQueues() {
        openEngine();
        store.createQueue(new QueueRecord("q1", false, Map.of()));
        store.createQueue(new QueueRecord("q2", false, Map.of()));
    }

    @AfterEach
    void closeStore() {
        store.close();
        engine.close();
    }

    /** Closes the engine cleanly and opens it again on the same directory. */
    void reopen() {
        store.close();
        engine.close();
        openEngine();
    }

    /** Opens the engine on the directory (after a {@code close} of store and engine by the test). */
    void openEngine() {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
    }

    /** A persistent message with id {@code id} and body "body ID". */
    static Message message(long id) {
        return Message.create(id, "", "q1", PERSISTENT, ("body " + id).getBytes(), 1000);
    }
}
