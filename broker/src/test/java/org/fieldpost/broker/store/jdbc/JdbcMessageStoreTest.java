package org.fieldpost.broker.store.jdbc;

import java.nio.file.Path;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.MessageStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a real embedded Derby database in a temporary directory. */
class JdbcMessageStoreTest extends MessageStoreContractTest {

    @TempDir
    Path directory;

    private JdbcStoreEngine engine;

    @Override
    protected MessageStore createStore() {
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        return engine.store("/");
    }

    @Override
    protected MessageStore reopen(MessageStore closed) {
        closed.close();
        engine.close();
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        MessageStore reopened = engine.store("/");
        reopened.open();
        return reopened;
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }
}
