package org.fieldpost.examples;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.jms.FieldpostConnectionFactory;
import org.fieldpost.jms.FieldpostTopic;

/**
 * Broadcast: a topic whose destination says {@code fanout} is its own fanout exchange; every
 * subscriber gets every message, whatever the routing key.
 */
public final class Broadcast {
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final int SUBSCRIBERS = 3;

    private Broadcast() {
    }

    public static void run(String url, PrintStream out) throws Exception {
        try (Connection connection = new FieldpostConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic news = FieldpostTopic.fanout("news");
            List<MessageConsumer> subscribers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                subscribers.add(session.createConsumer(news));
            }
            connection.start();
            MessageProducer producer = session.createProducer(news);
            for (String headline : new String[] {"markets open", "rates unchanged"}) {
                producer.send(session.createTextMessage(headline));
            }
            for (int i = 0; i < SUBSCRIBERS; i++) {
                List<String> got = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    got.add(((TextMessage) subscribers.get(i).receive(TIMEOUT_MILLIS)).getText());
                }
                out.println("subscriber " + (i + 1) + " got " + got);
            }
        }
    }
}
