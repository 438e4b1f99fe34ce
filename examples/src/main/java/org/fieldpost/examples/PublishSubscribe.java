package org.fieldpost.examples;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Publish/subscribe on the topic exchange {@code jms.topics}: a subscriber on {@code stock.nyse.*}
 * gets the NYSE quotes, one on {@code stock.#} gets every quote (AMQP wildcards, a Fieldpost
 * extension of JMS topic names).
 */
public final class PublishSubscribe {
    private static final long QUIET_MILLIS = 1_000;

    private PublishSubscribe() {
    }

    public static void run(String url, PrintStream out) throws Exception {
        try (Connection connection = new FieldpostConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer nyse = session.createConsumer(session.createTopic("stock.nyse.*"));
            MessageConsumer all = session.createConsumer(session.createTopic("stock.#"));
            connection.start();
            String[][] quotes = {{"stock.nyse.ibm", "IBM 182.50"}, {"stock.nasdaq.aapl", "AAPL 230.10"},
                {"stock.nyse.ge", "GE 171.20"}};
            for (String[] quote : quotes) {
                MessageProducer producer = session.createProducer(session.createTopic(quote[0]));
                producer.send(session.createTextMessage(quote[1]));
                producer.close();
            }
            out.println("stock.nyse.* got " + drain(nyse));
            out.println("stock.# got " + drain(all));
        }
    }

    private static List<String> drain(MessageConsumer consumer) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(QUIET_MILLIS); m != null; m = consumer.receive(QUIET_MILLIS)) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
