package org.fieldpost.bench.jms.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.fieldpost.bench.jms.ExactlyOnceChecker;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * Round trips, one at a time: a requester sends a non-persistent request with a temporary reply
 * queue and a {@code JMSCorrelationID}, and waits for the answer before sending the next. Reports
 * the round-trip rate (as both send and receive rate) and its p50, p99 and p99.9.
 * Both the requests at the responder and the replies at the requester are checked exactly once,
 * and each reply must carry its request's correlation id.
 */
public final class RequestReplyWorkload implements Workload {

    @Override
    public String name() {
        return "request-reply";
    }

    @Override
    public String description() {
        return "1 requester, 1 responder; non-persistent request, reply to a temporary queue, one round trip at a time";
    }

    @Override
    public WorkloadResult run(ConnectionFactory factory, WorkloadSpec spec) {
        Failures failures = new Failures();
        ExactlyOnceChecker requests = new ExactlyOnceChecker(spec.messages());
        ExactlyOnceChecker replies = new ExactlyOnceChecker(spec.messages());
        CountDownLatch ready = new CountDownLatch(1);
        Responder responder = new Responder(factory, spec, requests, ready, failures);
        Thread responderThread = FlowWorkload.start(responder, "responder");
        FlowWorkload.await(ready, "the responder", failures);
        long[] latencies = new long[spec.messages()];
        Span span = null;
        try (Connection connection = factory.createConnection()) {
            span = roundTrips(connection, spec, replies, latencies, failures);
        } catch (Exception e) {
            failures.add("requester", e);
        }
        responder.stop();
        FlowWorkload.join(responderThread, failures);
        addVerdict(failures, "requests", requests);
        addVerdict(failures, "replies", replies);
        if (!failures.isEmpty() || span == null) {
            return WorkloadResult.failed(name(), spec.messages(), failures.describe());
        }
        Arrays.sort(latencies);
        double rate = spec.messages() / FlowWorkload.seconds(span.start(), span.end());
        return new WorkloadResult(name(), true, spec.messages(), rate, rate, micros(latencies, 0.50),
            micros(latencies, 0.99), micros(latencies, 0.999), "");
    }

    /** From the first request to the last reply, setting up the requester excluded. */
    private record Span(long start, long end) {
    }

    private Span roundTrips(Connection connection, WorkloadSpec spec, ExactlyOnceChecker replies, long[] latencies,
        Failures failures) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replyQueue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(replyQueue);
        MessageProducer producer = session.createProducer(session.createQueue(spec.destination()));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        connection.start();
        byte[] body = Messages.body(spec.size());
        long timeout = spec.idleTimeout().toMillis();
        long start = System.nanoTime();
        for (int id = 0; id < spec.messages(); id++) {
            Message request = Messages.create(session, body, id);
            String correlation = "rr-" + id;
            request.setJMSCorrelationID(correlation);
            request.setJMSReplyTo(replyQueue);
            long sent = System.nanoTime();
            producer.send(request);
            Message reply = consumer.receive(timeout);
            latencies[id] = System.nanoTime() - sent;
            if (reply == null) {
                failures.add("no reply to request " + id + " within " + spec.idleTimeout().toSeconds() + " s");
                break;
            }
            if (!correlation.equals(reply.getJMSCorrelationID()) || !Messages.bodyIntact(reply, spec.size())) {
                replies.recordCorrupt();
            }
            replies.record(Messages.id(reply));
        }
        long end = System.nanoTime();
        Message late = consumer.receive(spec.drain().toMillis());
        if (late != null) {
            replies.record(Messages.id(late));
        }
        consumer.close();
        replyQueue.delete();
        return new Span(start, end);
    }

    private static void addVerdict(Failures failures, String what, ExactlyOnceChecker checker) {
        ExactlyOnceChecker.Verdict verdict = checker.verdict();
        if (!verdict.valid()) {
            failures.add(what + ": " + verdict.describe());
        }
    }

    /** Nearest-rank percentile of sorted nanosecond values, in microseconds. */
    static double micros(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
    }
}
