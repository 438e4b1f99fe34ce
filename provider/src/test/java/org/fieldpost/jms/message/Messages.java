package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.codec.PropertiesCodec;

/** Test helpers: the wire round trip, foreign messages, and comparing two messages through the JMS API. */
final class Messages {
    private Messages() {
    }

    /** Encodes, puts the properties through their wire codec, and decodes as a delivery from jms.queues. */
    static FieldpostMessage roundTrip(Message message, FieldpostDestination destination, boolean redelivered)
        throws JMSException {
        AmqpPayload payload = AmqpMessageCodec.encode(message, destination);
        return AmqpMessageCodec.decode(wire(payload.properties()), payload.body(), redelivered,
            destination.exchange(), destination.routingKey());
    }

    /** The properties as a peer reads them off the wire. */
    static BasicProperties wire(BasicProperties properties) {
        try {
            return PropertiesCodec.decode(Unpooled.wrappedBuffer(PropertiesCodec.encode(properties)));
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Another provider's message: a proxy with only the JMS interface of {@code delegate}'s type,
     * forwarding every call to it.
     */
    static Message foreign(FieldpostMessage delegate) {
        Class<?> type = delegate instanceof TextMessage ? TextMessage.class
            : delegate instanceof BytesMessage ? BytesMessage.class
            : delegate instanceof MapMessage ? MapMessage.class
            : delegate instanceof StreamMessage ? StreamMessage.class
            : delegate instanceof ObjectMessage ? ObjectMessage.class : Message.class;
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Message) Proxy.newProxyInstance(Messages.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** Asserts equal headers (but JMSRedelivered), properties (but JMSXDeliveryCount) and body. */
    static void assertSameMessage(Message actual, Message expected) throws JMSException {
        assertThat(actual.getClass()).isEqualTo(expected instanceof FieldpostMessage ? expected.getClass()
            : AmqpMessageCodec.copyOf(expected).getClass());
        assertThat(actual.getJMSMessageID()).isEqualTo(expected.getJMSMessageID());
        assertThat(actual.getJMSCorrelationID()).isEqualTo(expected.getJMSCorrelationID());
        assertThat(actual.getJMSType()).isEqualTo(expected.getJMSType());
        assertThat(actual.getJMSReplyTo()).isEqualTo(FieldpostDestination.from(expected.getJMSReplyTo()));
        assertThat(actual.getJMSDeliveryMode()).isEqualTo(expected.getJMSDeliveryMode());
        assertThat(actual.getJMSPriority()).isEqualTo(expected.getJMSPriority());
        assertThat(actual.getJMSTimestamp()).isEqualTo(expected.getJMSTimestamp());
        assertThat(actual.getJMSExpiration()).isEqualTo(expected.getJMSExpiration());
        assertThat(actual.getJMSDeliveryTime()).isEqualTo(expected.getJMSDeliveryTime());
        assertThat(properties(actual)).isEqualTo(properties(expected));
        assertThat(body(actual)).isEqualTo(body(expected));
    }

    static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new TreeMap<>();
        for (Object name : names(message.getPropertyNames())) {
            if (!"JMSXDeliveryCount".equals(name)) {
                properties.put((String) name, message.getObjectProperty((String) name));
            }
        }
        return properties;
    }

    /** The body as a comparable value; bytes and stream bodies are read from the start and reset. */
    static Object body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] all = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(all);
            bytes.reset();
            return boxed(all);
        }
        if (message instanceof MapMessage map) {
            Map<String, Object> entries = new TreeMap<>();
            for (Object name : names(map.getMapNames())) {
                Object value = map.getObject((String) name);
                entries.put((String) name, value instanceof byte[] b ? boxed(b) : value);
            }
            return entries;
        }
        if (message instanceof StreamMessage stream) {
            stream.reset();
            List<Object> items = new ArrayList<>();
            try {
                while (true) {
                    Object value = stream.readObject();
                    items.add(value instanceof byte[] b ? boxed(b) : value);
                }
            } catch (MessageEOFException end) {
                stream.reset();
            }
            return items;
        }
        if (message instanceof ObjectMessage object) {
            return object.getObject();
        }
        return "no body";
    }

    static List<Object> names(Enumeration<?> names) {
        List<Object> list = new ArrayList<>();
        while (names.hasMoreElements()) {
            list.add(names.nextElement());
        }
        return list;
    }

    static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }
}
