package org.fieldpost.examples;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Request/reply: a client sends requests to the queue {@code rpc.upper} (a queue on the direct
 * exchange {@code jms.queues}) with {@code JMSReplyTo} set to its own temporary queue and a
 * {@code JMSCorrelationID}; a server answers each request on the queue it names.
 */
public final class RequestReply {
    private static final long TIMEOUT_MILLIS = 10_000;

    private RequestReply() {
    }

    public static void run(String url, PrintStream out) throws Exception {
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory(url);
        try (Connection serverConnection = factory.createConnection();
             Connection clientConnection = factory.createConnection()) {
            startServer(serverConnection, out);
            Session session = clientConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageProducer requests = session.createProducer(session.createQueue("rpc.upper"));
            MessageConsumer replyConsumer = session.createConsumer(replies);
            clientConnection.start();
            for (String word : new String[] {"alpha", "beta", "gamma"}) {
                TextMessage request = session.createTextMessage(word);
                request.setJMSReplyTo(replies);
                request.setJMSCorrelationID("req-" + word);
                requests.send(request);
                TextMessage reply = (TextMessage) replyConsumer.receive(TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new IllegalStateException("no reply to " + word);
                }
                out.println("reply to " + reply.getJMSCorrelationID() + ": " + reply.getText());
            }
        }
    }

    private static void startServer(Connection connection, PrintStream out) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("rpc.upper");
        MessageProducer replier = session.createProducer(null);
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                String text = ((TextMessage) message).getText();
                TextMessage reply = session.createTextMessage(text.toUpperCase());
                reply.setJMSCorrelationID(message.getJMSCorrelationID());
                replier.send(message.getJMSReplyTo(), reply);
            } catch (Exception e) {
                out.println("server failed: " + e);
            }
        });
        connection.start();
    }
}
