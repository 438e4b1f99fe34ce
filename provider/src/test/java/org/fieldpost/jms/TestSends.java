package org.fieldpost.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;

/** Producers, messages and completion listeners the send tests share. */
final class TestSends {

    private TestSends() {
    }

    /** A listener completing {@code completed} with the sent message, or exceptionally with the failure. */
    static CompletionListener listener(CompletableFuture<Message> completed) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.complete(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                completed.completeExceptionally(exception);
            }
        };
    }

    /** A NON_PERSISTENT producer to queue {@code queue}. */
    static MessageProducer nonPersistent(Session session, String queue) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        return producer;
    }

    /** A BytesMessage of {@code bodySize} zero bytes with the int property {@code n}. */
    static BytesMessage numbered(Session session, int n, int bodySize) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[bodySize]);
        message.setIntProperty("n", n);
        return message;
    }
}
