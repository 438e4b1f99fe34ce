package org.fieldpost.bench.jms.workload;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import org.fieldpost.bench.jms.ExactlyOnceChecker;

/**
 * The service side of request-reply: answers each request on its {@code JMSReplyTo} with the
 * request's id and {@code JMSCorrelationID}, until stopped.
 *
 * <p>Concurrency: runs on its own thread; {@link #stop()} may be called from any thread.
 */
final class Responder implements Runnable {
    private final ConnectionFactory factory;
    private final WorkloadSpec spec;
    private final ExactlyOnceChecker requests;
    private final CountDownLatch ready;
    private final Failures failures;
    private volatile boolean stopped;

    Responder(ConnectionFactory factory, WorkloadSpec spec, ExactlyOnceChecker requests, CountDownLatch ready,
        Failures failures) {
        this.factory = factory;
        this.spec = spec;
        this.requests = requests;
        this.ready = ready;
        this.failures = failures;
    }

    @Override
    public void run() {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(spec.destination()));
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            byte[] body = Messages.body(spec.size());
            connection.start();
            ready.countDown();
            while (!stopped) {
                Message request = consumer.receive(50);
                if (request == null) {
                    continue;
                }
                long id = Messages.id(request);
                if (!Messages.bodyIntact(request, spec.size())) {
                    requests.recordCorrupt();
                }
                requests.record(id);
                Message reply = Messages.create(session, body, id);
                reply.setJMSCorrelationID(request.getJMSCorrelationID());
                producer.send(request.getJMSReplyTo(), reply);
            }
        } catch (Exception e) {
            failures.add("responder", e);
        } finally {
            ready.countDown();
        }
    }

    void stop() {
        stopped = true;
    }
}
