package org.fieldpost.bench.jms.workload;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/** How the workloads build and read their messages: a bytes body and an {@code id} property. */
final class Messages {
    /** The int property that carries a message's id. */
    static final String ID = "id";

    private Messages() {
    }

    /** A body of {@code size} bytes that is not all zeros (some stores compress). */
    static byte[] body(int size) {
        byte[] body = new byte[size];
        long x = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            body[i] = (byte) x;
        }
        return body;
    }

    static BytesMessage create(Session session, byte[] body, long id) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        message.setLongProperty(ID, id);
        return message;
    }

    /** The id, or -1 when the message has none. */
    static long id(Message message) throws JMSException {
        return message.propertyExists(ID) ? message.getLongProperty(ID) : -1;
    }

    /** Whether the message is a bytes message with a body of the expected length. */
    static boolean bodyIntact(Message message, int size) throws JMSException {
        return message instanceof BytesMessage bytes && bytes.getBodyLength() == size;
    }
}
