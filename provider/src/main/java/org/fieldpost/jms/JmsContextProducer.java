package org.fieldpost.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fieldpost.jms.message.FieldpostMessage;

/**
 * {@link JMSProducer}: an anonymous {@link JmsMessageProducer} plus the message headers and properties
 * to apply to every message it sends. Properties are held in a {@link FieldpostMessage}, which gives them
 * the JMS type rules.
 */
final class JmsContextProducer implements JMSProducer {
    private final JmsContext context;
    private final JmsMessageProducer producer;
    private final FieldpostMessage properties = new FieldpostMessage();
    private volatile CompletionListener async;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    JmsContextProducer(JmsContext context, JmsMessageProducer producer) {
        this.context = context;
        this.producer = producer;
    }

    @FunctionalInterface
    private interface JmsCall<T> {
        T call() throws JMSException;
    }

    private static <T> T run(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw JmsExceptionSupport.toRuntime(e);
        }
    }

    private JMSProducer set(JmsCall<Object> call) {
        run(call);
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("the message must not be null");
        }
        run(() -> {
            apply(message);
            CompletionListener listener = async;
            if (listener == null) {
                producer.send(destination, message);
            } else {
                producer.send(destination, message, listener);
            }
            return null;
        });
        return this;
    }

    private void apply(Message message) throws JMSException {
        for (String name : Collections.list(properties.getPropertyNames())) {
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (correlationIdBytes != null) {
            message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        TextMessage message = context.createTextMessage(body);
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage message = context.createMapMessage();
        if (body != null) {
            run(() -> {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    message.setObject(e.getKey(), e.getValue());
                }
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage message = context.createBytesMessage();
        if (body != null) {
            run(() -> {
                message.writeBytes(body);
                return null;
            });
        }
        return send(destination, message);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        ObjectMessage message = context.createObjectMessage(body);
        return send(destination, message);
    }

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        return set(() -> {
            producer.setDisableMessageID(value);
            return null;
        });
    }

    @Override
    public boolean getDisableMessageID() {
        return run(producer::getDisableMessageID);
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        return set(() -> {
            producer.setDisableMessageTimestamp(value);
            return null;
        });
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return run(producer::getDisableMessageTimestamp);
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        return set(() -> {
            producer.setDeliveryMode(deliveryMode);
            return null;
        });
    }

    @Override
    public int getDeliveryMode() {
        return run(producer::getDeliveryMode);
    }

    @Override
    public JMSProducer setPriority(int priority) {
        return set(() -> {
            producer.setPriority(priority);
            return null;
        });
    }

    @Override
    public int getPriority() {
        return run(producer::getPriority);
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        return set(() -> {
            producer.setTimeToLive(timeToLive);
            return null;
        });
    }

    @Override
    public long getTimeToLive() {
        return run(producer::getTimeToLive);
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        return set(() -> {
            producer.setDeliveryDelay(deliveryDelay);
            return null;
        });
    }

    @Override
    public long getDeliveryDelay() {
        return run(producer::getDeliveryDelay);
    }

    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        async = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return set(() -> {
            properties.setBooleanProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return set(() -> {
            properties.setByteProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return set(() -> {
            properties.setShortProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return set(() -> {
            properties.setIntProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return set(() -> {
            properties.setLongProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return set(() -> {
            properties.setFloatProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return set(() -> {
            properties.setDoubleProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return set(() -> {
            properties.setStringProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return set(() -> {
            properties.setObjectProperty(name, value);
            return null;
        });
    }

    @Override
    public JMSProducer clearProperties() {
        return set(() -> {
            properties.clearProperties();
            return null;
        });
    }

    @Override
    public boolean propertyExists(String name) {
        return run(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return run(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return run(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return run(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return run(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return run(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return run(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return run(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return run(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return run(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return run(() -> new HashSet<>(Collections.list(properties.getPropertyNames())));
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] value) {
        correlationIdBytes = value == null ? null : value.clone();
        correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String value) {
        correlationId = value;
        correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String value) {
        type = value;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination value) {
        replyTo = value;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
