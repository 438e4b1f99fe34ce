package org.fieldpost.examples;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.jms.FieldpostConnectionFactory;

/**
 * Persistent vs transient: sends both kinds to one queue, restarts the broker on the same data
 * directory, and shows that only the persistent messages are still there.
 */
public final class PersistentVsTransient {
    private static final long QUIET_MILLIS = 1_000;

    private PersistentVsTransient() {
    }

    public static void run(PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("fieldpost-example");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDirectory(data).build().start();
             Connection connection = new FieldpostConnectionFactory(Examples.urlOf(broker)).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("orders"));
            for (int i = 1; i <= 3; i++) {
                producer.send(session.createTextMessage("persistent " + i), DeliveryMode.PERSISTENT, 4, 0);
                producer.send(session.createTextMessage("transient " + i), DeliveryMode.NON_PERSISTENT, 4, 0);
            }
            out.println("sent 3 persistent and 3 transient messages; restarting the broker");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDirectory(data).build().start();
             Connection connection = new FieldpostConnectionFactory(Examples.urlOf(broker)).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            connection.start();
            List<String> left = new ArrayList<>();
            for (Message m = consumer.receive(QUIET_MILLIS); m != null; m = consumer.receive(QUIET_MILLIS)) {
                left.add(((TextMessage) m).getText());
            }
            out.println("after the restart the queue holds " + left);
        }
    }
}
