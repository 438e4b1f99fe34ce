package org.fieldpost.bench.routing;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.exchange.Binding;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost, for one exchange, of a queue going away and coming back while many other queues stay bound:
 * {@code unbindAll} of the leaving queue (what deleting a queue does to every exchange) and one bind.
 * A subscriber reconnecting to a topic shared by thousands of others does exactly this; the cost
 * should not grow with the number of other bindings, for any exchange type.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BindingChurnBenchmark {

    @Param({"10", "1000", "10000"})
    private int bindings;

    @Param({"topic", "direct", "fanout"})
    private String type;

    private Exchange exchange;
    private Binding leaving;

    @Setup
    public void setUp() {
        exchange = Exchange.create(ExchangeType.fromWireName(type), "bench", false, false, false, Map.of());
        for (int i = 0; i < bindings; i++) {
            exchange.bind(new Binding("bench", new Sink("q" + i), "stock.x" + i + ".s" + i, Map.of()));
        }
        leaving = new Binding("bench", new Sink("leaving"), "stock.x3.s3", Map.of());
        exchange.bind(leaving);
    }

    @Benchmark
    public int deleteAndRebind() {
        int removed = exchange.unbindAll(leaving.destination()).size();
        exchange.bind(leaving);
        return removed;
    }

    /** A binding target that only has a name. */
    private record Sink(String name) implements Destination {
    }
}
