package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JmsContextTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void sendAndReceiveBodiesWithProducerProperties() throws Exception {
        try (JMSContext context = broker.factory().createContext()) {
            Queue queue = context.createQueue("ctx.q");
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().setProperty("n", 7).setJMSType("greeting").setPriority(6)
                .send(queue, "hello");
            Message m = consumer.receive(5000);
            assertThat(m.getBody(String.class)).isEqualTo("hello");
            assertThat(m.getIntProperty("n")).isEqualTo(7);
            assertThat(m.getJMSType()).isEqualTo("greeting");
            assertThat(m.getJMSPriority()).isEqualTo(6);
            context.createProducer().send(queue, Map.of("k", "v"));
            assertThat(consumer.receiveBody(Map.class, 5000)).containsEntry("k", "v");
            context.createProducer().send(queue, new byte[] {1, 2});
            assertThatThrownBy(() -> consumer.receiveBody(String.class, 5000))
                .isInstanceOf(MessageFormatRuntimeException.class);
            assertThat(consumer.receiveBody(byte[].class, 5000)).containsExactly(1, 2);
        }
    }

    @Test
    void childContextsShareTheConnection() {
        JMSContext parent = broker.factory().createContext();
        JMSContext child = parent.createContext(JMSContext.SESSION_TRANSACTED);
        Queue queue = child.createQueue("ctx.child");
        child.createProducer().send(queue, "tx");
        child.commit();
        parent.close();
        assertThat(child.createConsumer(queue).receiveBody(String.class, 5000)).isEqualTo("tx");
        child.close();
        assertThatThrownBy(child::commit).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void errorsAreRuntimeTwins() {
        FieldpostConnectionFactory factory = broker.factory();
        assertThatThrownBy(() -> factory.createContext(-1)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> factory.createContext("invalid", "invalid"))
            .isInstanceOf(JMSSecurityRuntimeException.class);
        try (JMSContext context = factory.createContext()) {
            assertThatThrownBy(() -> context.createConsumer(null))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> context.createConsumer(context.createQueue("ctx.sel"), "a ="))
                .isInstanceOf(InvalidSelectorRuntimeException.class);
            assertThatThrownBy(() -> context.createProducer().send(null, "x"))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
        }
        try (JMSContext admin = broker.factory("clientId=ctx-admin").createContext()) {
            assertThat(admin.getClientID()).isEqualTo("ctx-admin");
            assertThatThrownBy(() -> admin.setClientID("x")).isInstanceOf(IllegalStateRuntimeException.class);
        }
    }
}
