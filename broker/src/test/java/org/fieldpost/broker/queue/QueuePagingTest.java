package org.fieldpost.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.InMemoryMessageStore;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stored queue over a small memory limit: what is paged out, what stays, and the order it all comes back in. */
class QueuePagingTest {

    private static final int BODY = 1000;
    /** Room for about ten entries. */
    private final QueueMemory memory = new QueueMemory(10 * (BODY + QueueMemory.ENTRY_OVERHEAD));

    private final QueueFixture fixture = new QueueFixture();
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private long nextId;

    @AfterEach
    void close() {
        memory.close();
    }

    private MessageQueue storedQueue(Map<String, Object> args) throws Exception {
        return storedQueue(args, store);
    }

    private MessageQueue storedQueue(Map<String, Object> args, MessageStore over) throws Exception {
        store.open();
        store.createQueue(new QueueRecord("q", false, Map.of()));
        return new MessageQueue("q", true, false, null, args, QueueArguments.parse("q", "/", args, 0),
            new QueueContext("/", fixture.clock, fixture, fixture, over, null, memory));
    }

    /** {@link #store}, whose reads of paged messages wait until {@code open} is counted down. */
    private MessageStore gatedReads(CountDownLatch open, List<String> readers) {
        return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
            new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("readMessages")) {
                    readers.add(Thread.currentThread().getName());
                    assertThat(open.await(30, TimeUnit.SECONDS)).as("the test opened the gate").isTrue();
                }
                try {
                    return method.invoke(store, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private Message message(String label, boolean persistent) {
        byte[] body = new byte[BODY];
        byte[] text = label.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, body, 0, text.length);
        BasicProperties props = BasicProperties.builder().deliveryMode(persistent ? 2 : 1).build();
        return Message.create(++nextId, "", "q", props, body, fixture.clock.getAsLong());
    }

    private static String label(QueueEntry e) {
        return new String(e.message().body(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void pastTheLimitPersistentMessagesLiveInTheStoreAndComeBackInOrderWithTransientOnesInPlace() throws Exception {
        MessageQueue q = storedQueue(Map.of());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean persistent = i % 50 != 49;
            String label = (persistent ? "p" : "t") + i;
            q.enqueue(message(label, persistent));
            expected.add(label);
        }

        assertThat(q.messageCount()).isEqualTo(200);
        assertThat(memory.used()).as("memory stays near the limit").isLessThanOrEqualTo(2 * memory.limit()
            + QueuePager.BATCH * (BODY + QueueMemory.ENTRY_OVERHEAD));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            QueueEntry e = q.get().join();
            got.add(label(e));
            q.acknowledge(e);
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(q.get().join()).isNull();
        assertThat(store.storedMessageCount()).isZero();
    }

    @Test
    void aGetThatMustPageInAnswersFromThePagerThreadAndNeverBlocksTheCaller() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        List<String> readers = new CopyOnWriteArrayList<>();
        MessageQueue q = storedQueue(Map.of(), gatedReads(open, readers));
        for (int i = 0; i < 200; i++) {
            q.enqueue(message("m" + i, true));
        }

        List<String> got = new ArrayList<>();
        CompletableFuture<QueueEntry> waiting = q.get();
        while (waiting.isDone()) { // the memory part: answered at once
            QueueEntry e = waiting.join();
            assertThat(e).as("the queue cannot run dry before a page-in").isNotNull();
            got.add(label(e));
            q.acknowledge(e);
            waiting = q.get();
        }
        assertThat(got).as("some came from memory").isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !readers.isEmpty());
        assertThat(waiting).as("the store read is still held, and this thread was not").isNotDone();

        open.countDown();
        got.add(label(waiting.get(10, TimeUnit.SECONDS)));
        q.acknowledge(waiting.join());
        for (QueueEntry e = q.get().get(10, TimeUnit.SECONDS); e != null; e = q.get().get(10, TimeUnit.SECONDS)) {
            got.add(label(e));
            q.acknowledge(e);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("m" + i);
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(readers).as("every read on the pager thread").containsOnly("fieldpost-pager");
    }

    @Test
    void aDelayedMessageHeldInThePagedTailWaitsForItsTime() throws Exception {
        MessageQueue q = storedQueue(Map.of());
        for (int i = 0; i < 100; i++) {
            q.enqueue(message("p" + i, true));
        }
        long due = fixture.clock.getAsLong() + 60_000;
        BasicProperties delayed = BasicProperties.builder().deliveryMode(2)
            .headers(Map.of("x-delivery-time", due)).build();
        q.enqueue(Message.create(++nextId, "", "q", delayed, "late".getBytes(StandardCharsets.UTF_8),
            fixture.clock.getAsLong()));

        List<String> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (QueueEntry e = q.get().join(); e != null; e = q.get().join()) {
                got.add(label(e));
                q.acknowledge(e);
            }
            return got.size() >= 100;
        });
        assertThat(got).doesNotContain("late");
        assertThat(q.get().join()).as("not before its delivery time").isNull();

        fixture.clock.advance(60_001);
        q.releaseDue();
        QueueEntry late = q.get().join();
        assertThat(late).isNotNull();
        assertThat(label(late)).isEqualTo("late");
    }

    @Test
    void consumersGetPagedMessagesAsThePagerBringsThemBack() throws Exception {
        MessageQueue q = storedQueue(Map.of());
        for (int i = 0; i < 3000; i++) {
            q.enqueue(message("m" + i, true));
        }
        TestConsumer consumer = new TestConsumer("c", 100);
        q.addConsumer(consumer, false);
        List<String> seen = new ArrayList<>();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<QueueEntry> got = consumer.drain();
            for (QueueEntry e : got) {
                seen.add(label(e));
                q.acknowledge(e);
            }
            consumer.addCredit(got.size());
            q.consumerReady(consumer);
            return seen.size() == 3000;
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            expected.add("m" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(q.messageCount()).isZero();
    }

    @Test
    void browseSeesPagedOutAndHeldMessagesInQueueOrderAndLeavesThemInTheQueue() throws Exception {
        MessageQueue q = storedQueue(Map.of());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            boolean persistent = i % 50 != 49;
            String label = (persistent ? "p" : "t") + i;
            q.enqueue(message(label, persistent));
            expected.add(label);
        }

        List<String> browsed = new ArrayList<>();
        QueueBrowse browse = q.browse();
        while (!browse.finished()) {
            QueueBrowse.Copy copy = browse.next();
            if (copy == null) {
                browse.loaded().get(10, TimeUnit.SECONDS);
            } else {
                browsed.add(new String(copy.message().body(), StandardCharsets.UTF_8).trim());
            }
        }

        assertThat(browsed).containsExactlyElementsOf(expected);
        assertThat(q.messageCount()).isEqualTo(3000);
        List<String> got = new ArrayList<>();
        for (QueueEntry e = q.get().join(); e != null; e = q.get().join()) {
            got.add(label(e));
            q.acknowledge(e);
        }
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void purgeRemovesPagedMessagesFromTheStoreToo() throws Exception {
        MessageQueue q = storedQueue(Map.of());
        for (int i = 0; i < 100; i++) {
            q.enqueue(message("m" + i, true));
        }

        assertThat(q.purge()).isEqualTo(100);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.storedMessageCount() == 0);
        assertThat(q.messageCount()).isZero();
    }

    @Test
    void queuesWithATtlNeverPage() throws Exception {
        MessageQueue q = storedQueue(Map.of("x-message-ttl", 600_000));
        for (int i = 0; i < 100; i++) {
            q.enqueue(message("m" + i, true));
        }

        assertThat(q.canPageOut(message("x", true))).isFalse();
        assertThat(memory.used()).isGreaterThanOrEqualTo(100L * BODY);
        q.purge();
    }

    @Test
    void priorityQueuesPageAndComeBackInArrivalOrder() throws Exception {
        MessageQueue q = storedQueue(Map.of("x-max-priority", 9));
        assertThat(q.canPageOut(message("x", true))).isTrue();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            q.enqueue(message("m" + i, true));
            expected.add("m" + i);
        }
        assertThat(q.messageCount()).isEqualTo(100);

        List<String> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            QueueEntry e = q.get().join();
            got.add(label(e));
            q.acknowledge(e);
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(q.get().join()).isNull();
    }
}
