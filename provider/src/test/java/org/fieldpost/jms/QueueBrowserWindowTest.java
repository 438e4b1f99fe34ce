package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browse of a deep queue holds at most a window of copies in the client ({@code x-browse-credit}
 * and {@code basic.credit}, docs/protocol.md), however long the application takes between elements;
 * it still sees every message, in order, and takes none.
 */
class QueueBrowserWindowTest {

    private static final int COUNT = 3_000;

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void aSlowEnumerationHoldsAtMostAWindowAndSeesEveryMessageInOrder() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession();
            Queue queue = session.createQueue("browse.window." + System.nanoTime());
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < COUNT; i++) {
                Message m = session.createBytesMessage();
                m.setIntProperty("n", i);
                producer.send(m);
            }

            JmsQueueBrowser browser = (JmsQueueBrowser) session.createBrowser(queue);
            Enumeration<?> enumeration = browser.getEnumeration();
            List<Integer> seen = new ArrayList<>();
            seen.add(((Message) enumeration.nextElement()).getIntProperty("n"));
            await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.bufferedCopies() == JmsQueueBrowser.WINDOW - 1);
            session.createBrowser(queue).getEnumeration(); // a basic.consume round trip on the same channel
            assertThat(browser.bufferedCopies()).as("the window is full and nothing more came")
                .isEqualTo(JmsQueueBrowser.WINDOW - 1);

            while (enumeration.hasMoreElements()) {
                seen.add(((Message) enumeration.nextElement()).getIntProperty("n"));
                assertThat(browser.bufferedCopies()).isLessThanOrEqualTo(JmsQueueBrowser.WINDOW);
            }
            assertThat(seen).hasSize(COUNT);
            for (int i = 0; i < COUNT; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            browser.close();
            assertThat(session.createBrowser(queue).getEnumeration().hasMoreElements()).isTrue();
        }
    }
}
