package org.fieldpost.bench.jms.workload;

import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldpost.bench.jms.ExactlyOnceChecker;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * A one-way flow of messages from producers to consumers (queue) or subscribers (topic), checked
 * for exactly-once arrival. The send rate runs from the start gate, which opens once every producer
 * is connected, until the last producer's last send (or commit); the receive rate until the last
 * expected message arrived (and was committed).
 * On a topic every subscriber must get every message, and the receive rate counts deliveries. With
 * a backlog the consumers start once every message is sent, and the receive rate runs from their
 * start (connecting included) to the last message: the rate of draining a full queue.
 */
public final class FlowWorkload implements Workload {
    private final String name;
    private final String description;
    private final FlowShape shape;

    public FlowWorkload(String name, String description, FlowShape shape) {
        this.name = name;
        this.description = description;
        this.shape = shape;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public WorkloadResult run(ConnectionFactory factory, WorkloadSpec spec) {
        Failures failures = new Failures();
        List<ExactlyOnceChecker> checkers = new ArrayList<>();
        List<FlowConsumer> consumers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(shape.consumers());
        if (!shape.backlog()) {
            startConsumers(factory, spec, ready, failures, checkers, consumers, threads);
            await(ready, "consumers", failures);
        }
        CountDownLatch producersReady = new CountDownLatch(shape.producers());
        CountDownLatch startGate = new CountDownLatch(1);
        List<FlowProducer> producers = startProducers(factory, spec, producersReady, startGate, failures, threads);
        await(producersReady, "producers", failures);
        long start = System.nanoTime();
        startGate.countDown();
        long receiveFrom = start;
        if (shape.backlog()) {
            threads.forEach(thread -> join(thread, failures));
            threads.clear(); // the producers are done; what follows are the consumers
            receiveFrom = System.nanoTime();
            startConsumers(factory, spec, ready, failures, checkers, consumers, threads);
        }
        for (Thread thread : threads) {
            join(thread, failures);
        }
        return result(spec, failures, checkers, start, receiveFrom, producers, consumers);
    }

    private void startConsumers(ConnectionFactory factory, WorkloadSpec spec, CountDownLatch ready,
        Failures failures, List<ExactlyOnceChecker> checkers, List<FlowConsumer> consumers, List<Thread> threads) {
        ExactlyOnceChecker shared = new ExactlyOnceChecker(spec.messages());
        checkers.add(shared);
        for (int i = 0; i < shape.consumers(); i++) {
            ExactlyOnceChecker checker = shared;
            if (shape.topic() && i > 0) {
                checker = new ExactlyOnceChecker(spec.messages());
                checkers.add(checker);
            }
            FlowConsumer consumer = new FlowConsumer(factory, shape, spec.destination(), spec, checker, ready,
                failures);
            consumers.add(consumer);
            threads.add(start(consumer, "consumer-" + i));
        }
    }

    private List<FlowProducer> startProducers(ConnectionFactory factory, WorkloadSpec spec, CountDownLatch ready,
        CountDownLatch startGate, Failures failures, List<Thread> threads) {
        List<FlowProducer> producers = new ArrayList<>();
        byte[] body = Messages.body(spec.size());
        long first = 0;
        for (int i = 0; i < shape.producers(); i++) {
            long count = spec.messages() / shape.producers() + (i < spec.messages() % shape.producers() ? 1 : 0);
            FlowProducer producer = new FlowProducer(factory, shape, spec.destination(), body, first, count, ready,
                startGate, failures);
            producers.add(producer);
            threads.add(start(producer, "producer-" + i));
            first += count;
        }
        return producers;
    }

    private WorkloadResult result(WorkloadSpec spec, Failures failures, List<ExactlyOnceChecker> checkers,
        long start, long receiveFrom, List<FlowProducer> producers, List<FlowConsumer> consumers) {
        for (int i = 0; i < checkers.size(); i++) {
            ExactlyOnceChecker.Verdict verdict = checkers.get(i).verdict();
            if (!verdict.valid()) {
                failures.add((checkers.size() > 1 ? "subscriber " + i + ": " : "") + verdict.describe());
            }
        }
        if (!failures.isEmpty()) {
            return WorkloadResult.failed(name, spec.messages(), failures.describe());
        }
        long sent = producers.stream().mapToLong(FlowProducer::finishedAtNanos).max().orElse(start);
        long received = consumers.stream().mapToLong(FlowConsumer::completedAtNanos).max().orElse(receiveFrom);
        double deliveries = (double) spec.messages() * checkers.size();
        return new WorkloadResult(name, true, spec.messages(), spec.messages() / seconds(start, sent),
            deliveries / seconds(receiveFrom, received), Double.NaN, Double.NaN, Double.NaN, "");
    }

    static Thread start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void await(CountDownLatch latch, String who, Failures failures) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                failures.add(who + " not ready within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted", e);
        }
    }

    static void join(Thread thread, Failures failures) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted", e);
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return Math.max(1, toNanos - fromNanos) / 1e9;
    }
}
