package org.fieldpost.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest extends MessageStoreContractTest {

    @Override
    protected MessageStore createStore() {
        return new InMemoryMessageStore();
    }

    @Override
    protected MessageStore reopen(MessageStore closed) {
        // the in-memory state lives as long as the instance: "restart" it
        closed.close();
        closed.open();
        return closed;
    }

    @Test
    void aMessageOnManyQueuesIsStoredOnceAndFreedWithItsLastEntry() throws Exception {
        InMemoryMessageStore s = (InMemoryMessageStore) store;
        s.createQueue(new QueueRecord("a", false, Map.of()));
        s.createQueue(new QueueRecord("b", false, Map.of()));
        Message m = Message.create(1, "", "k", new BasicProperties(null, null, null, 2, null, null, null, null, null,
            null, null, null, null, null), new byte[10], 1);
        StoreTransaction tx = s.beginTransaction();
        tx.enqueue("a", m);
        tx.enqueue("b", m);
        tx.commit().join();
        assertThat(s.storedMessageCount()).isEqualTo(1);

        StoreTransaction ack = s.beginTransaction();
        ack.dequeue("a", 1);
        ack.commit().join();
        assertThat(s.storedMessageCount()).isEqualTo(1);
        s.deleteQueue("b");
        assertThat(s.storedMessageCount()).isZero();
    }
}
