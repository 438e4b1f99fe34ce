package org.fieldpost.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.util.Enumeration;
import java.util.Set;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * Copies a message of another JMS provider (spec 3.12) into a Fieldpost message, through the JMS
 * interfaces only. Thread-safe: no state; the foreign message must not be used by another thread
 * meanwhile (its body position is moved and reset).
 */
final class ForeignMessages {
    /** JMSX properties a provider sets: a foreign provider's values mean nothing here. */
    private static final Set<String> PROVIDER_JMSX = Set.of(JmsHeaders.JMSX_DELIVERY_COUNT, "JMSXUserID", "JMSXAppID",
        "JMSXProducerTXID", "JMSXConsumerTXID", "JMSXRcvTimestamp", "JMSXState");
    private static final int CHUNK = 8192;

    private ForeignMessages() {
    }

    static FieldpostMessage copyOf(Message foreign) throws JMSException {
        FieldpostMessage copy = copyBody(foreign);
        copyHeaders(foreign, copy);
        copyProperties(foreign, copy);
        return copy;
    }

    private static FieldpostMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new FieldpostTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            FieldpostBytesMessage copy = new FieldpostBytesMessage();
            copy.writeBytes(readAll(bytes));
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            FieldpostMapMessage copy = new FieldpostMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            return copyStream(stream);
        }
        if (foreign instanceof ObjectMessage object) {
            FieldpostObjectMessage copy = new FieldpostObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new FieldpostMessage();
    }

    private static byte[] readAll(BytesMessage bytes) throws JMSException {
        bytes.reset();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        for (int count = bytes.readBytes(chunk); count > 0; count = bytes.readBytes(chunk)) {
            all.write(chunk, 0, count);
        }
        bytes.reset();
        return all.toByteArray();
    }

    private static FieldpostStreamMessage copyStream(StreamMessage stream) throws JMSException {
        FieldpostStreamMessage copy = new FieldpostStreamMessage();
        stream.reset();
        try {
            while (true) {
                copy.writeObject(stream.readObject());
            }
        } catch (MessageEOFException end) {
            // every field copied
        }
        stream.reset();
        return copy;
    }

    private static void copyHeaders(Message foreign, FieldpostMessage copy) throws JMSException {
        copy.setJMSMessageID(foreign.getJMSMessageID());
        copy.setJMSTimestamp(foreign.getJMSTimestamp());
        String correlationId = foreign.getJMSCorrelationID();
        if (correlationId != null) {
            copy.setJMSCorrelationID(correlationId);
        } else {
            copy.setJMSCorrelationIDAsBytes(correlationIdBytes(foreign));
        }
        copy.setJMSReplyTo(FieldpostDestination.from(foreign.getJMSReplyTo()));
        copy.setJMSDestination(destinationOrNull(foreign));
        copy.setJMSDeliveryMode(foreign.getJMSDeliveryMode());
        copy.setJMSRedelivered(foreign.getJMSRedelivered());
        copy.setJMSType(foreign.getJMSType());
        copy.setJMSExpiration(foreign.getJMSExpiration());
        copy.setJMSDeliveryTime(foreign.getJMSDeliveryTime());
        copy.setJMSPriority(foreign.getJMSPriority());
    }

    private static byte[] correlationIdBytes(Message foreign) {
        try {
            return foreign.getJMSCorrelationIDAsBytes();
        } catch (JMSException | RuntimeException unsupported) {
            // providers may refuse byte correlation IDs (the spec makes them optional)
            return null;
        }
    }

    /** The producer passes the destination it sends to; a foreign JMSDestination that does not convert is dropped. */
    private static FieldpostDestination destinationOrNull(Message foreign) throws JMSException {
        try {
            return FieldpostDestination.from(foreign.getJMSDestination());
        } catch (jakarta.jms.InvalidDestinationException unconvertible) {
            return null;
        }
    }

    private static void copyProperties(Message foreign, FieldpostMessage copy) throws JMSException {
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (PROVIDER_JMSX.contains(name)) {
                continue;
            }
            Object value = foreign.getObjectProperty(name);
            if (value != null && !TypeConversions.isPropertyType(value)) {
                throw new MessageFormatException("property " + name + " of the foreign message is a "
                    + value.getClass().getName());
            }
            copy.properties().put(name, value);
        }
    }
}
