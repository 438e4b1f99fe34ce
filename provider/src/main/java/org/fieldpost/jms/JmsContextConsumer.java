package org.fieldpost.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** {@link JMSConsumer} over a {@link JmsMessageConsumer}, with unchecked exceptions. */
final class JmsContextConsumer implements JMSConsumer {
    private final JmsMessageConsumer consumer;

    JmsContextConsumer(JmsMessageConsumer consumer) {
        this.consumer = consumer;
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

    @Override
    public String getMessageSelector() {
        return run(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return run(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        run(() -> {
            consumer.setMessageListener(listener);
            return null;
        });
    }

    @Override
    public Message receive() {
        return run(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return run(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return run(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        run(() -> {
            consumer.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return run(() -> consumer.receiveBody(c, -1, false));
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return run(() -> consumer.receiveBody(c, timeout, false));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return run(() -> consumer.receiveBody(c, 0, true));
    }
}
