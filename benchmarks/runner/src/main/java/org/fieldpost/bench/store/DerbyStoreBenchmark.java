package org.fieldpost.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.store.MessageStore;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.StoreTransaction;
import org.fieldpost.broker.store.jdbc.DerbySupport;
import org.fieldpost.broker.store.jdbc.JdbcStoreEngine;
import org.fieldpost.protocol.BasicProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Derby store alone, without a broker or a network: one store transaction enqueueing
 * {@code batch} persistent 1 KiB messages to a durable queue, committed (the log forced), then one
 * dequeueing them, committed. What {@code tx-batch-100} asks of the store per batch; the score is
 * the time per message for both (lower is better), so 1e9 / score is the most messages per second
 * the store's single writer can take in and give out this way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DerbyStoreBenchmark {

    private static final int BATCH = 100;
    private static final BasicProperties PERSISTENT = BasicProperties.builder().deliveryMode(2).build();

    @Param({"1024"})
    private int size;

    private Path directory;
    private JdbcStoreEngine engine;
    private MessageStore store;
    private byte[] body;
    private long nextId;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("fieldpost-store-bench");
        engine = JdbcStoreEngine.open(DerbySupport.embeddedUrl(directory), directory);
        store = engine.store("/");
        store.open();
        store.createQueue(new QueueRecord("q", false, Map.of()));
        body = new byte[size];
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        engine.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One batch in, committed, then the same batch out, committed. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void enqueueThenDequeueBatch() {
        long first = nextId + 1;
        StoreTransaction in = store.beginTransaction();
        for (int i = 0; i < BATCH; i++) {
            in.enqueue("q", Message.create(++nextId, "jms.queues", "q", PERSISTENT, body, 0));
        }
        in.commit().join();
        StoreTransaction out = store.beginTransaction();
        for (long id = first; id <= nextId; id++) {
            out.dequeue("q", id);
        }
        out.commit().join();
    }
}
