package org.fieldpost.bench;

import java.util.Arrays;
import org.fieldpost.bench.amqp.AmqpThroughput;
import org.fieldpost.bench.compare.JmsCompare;
import picocli.CommandLine;

/**
 * Entry point of {@code fieldpost-bench.jar}.
 *
 * <pre>
 * java -jar benchmarks/target/fieldpost-bench.jar amqp-throughput --pairs 4 --messages 200000
 * java -jar benchmarks/target/fieldpost-bench.jar jmh TopicRouting      (any JMH options follow)
 * java -jar benchmarks/target/fieldpost-bench.jar jms --providers fieldpost,artemis --workload all --rounds 3
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
        if (args.length > 0 && "jms".equals(args[0])) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(new CommandLine(new JmsCompare().arguments(rest)).execute(rest));
        }
        System.err.println("usage: fieldpost-bench (amqp-throughput [options] | jms [options] | jmh [JMH options])");
        System.exit(2);
    }
}
