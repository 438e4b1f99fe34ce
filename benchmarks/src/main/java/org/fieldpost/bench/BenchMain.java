package org.fieldpost.bench;

import java.util.Arrays;
import org.fieldpost.bench.amqp.AmqpThroughput;
import picocli.CommandLine;

/**
 * Entry point of {@code fieldpost-bench.jar}.
 *
 * <pre>
 * java -jar benchmarks/target/fieldpost-bench.jar amqp-throughput --pairs 4 --messages 200000
 * java -jar benchmarks/target/fieldpost-bench.jar jmh TopicRouting      (any JMH options follow)
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "jmh".equals(args[0])) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "amqp-throughput".equals(args[0])) {
            System.exit(new CommandLine(new AmqpThroughput()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.err.println("usage: fieldpost-bench (amqp-throughput [options] | jmh [JMH options])");
        System.exit(2);
    }
}
