package org.fieldpost.bench.routing;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fieldpost.broker.exchange.Binding;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
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
 * Cost of routing one message through a topic (or direct) exchange as its number of bindings
 * grows. Bindings are {@code stock.x<i>.s<i>}, with every tenth ending in a {@code *} or
 * {@code #} wildcard instead, plus three fixed wildcard bindings ({@code #}, {@code *.x3.*},
 * {@code stock.#}) on topic exchanges; the routed key {@code stock.x3.s3} matches the same number
 * of bindings whatever their total (4 for topic, 1 for direct). A routing cost that stays flat from
 * 10 to 10,000 bindings shows the trie (and the direct map) never scans the binding list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicRoutingBenchmark {

    @Param({"10", "1000", "10000"})
    private int bindings;

    @Param({"topic", "direct"})
    private String type;

    private Exchange exchange;
    private Message message;

    @Setup
    public void setUp() {
        exchange = Exchange.create(ExchangeType.fromWireName(type), "bench", false, false, false, Map.of());
        boolean topic = "topic".equals(type);
        for (int i = 0; i < bindings; i++) {
            String key = "stock.x" + i + ".s" + i;
            if (topic && i % 10 == 3) {
                key = "stock.x" + i + ".*";
            } else if (topic && i % 10 == 7) {
                key = "stock.x" + i + ".#";
            }
            exchange.bind(new Binding("bench", new Sink("q" + i), key, Map.of()));
        }
        if (topic) {
            for (String pattern : new String[] {"#", "*.x3.*", "stock.#"}) {
                exchange.bind(new Binding("bench", new Sink("fixed " + pattern), pattern, Map.of()));
            }
        }
        message = Message.create(1, "bench", "stock.x3.s3", BasicProperties.EMPTY, new byte[0], 0);
    }

    @Benchmark
    public int route() {
        Set<Destination> out = new HashSet<>();
        exchange.route(message, out);
        return out.size();
    }

    /** A routing target that only has a name. */
    private record Sink(String name) implements Destination {
    }
}
