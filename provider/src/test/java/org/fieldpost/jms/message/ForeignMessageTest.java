package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.lang.reflect.Proxy;
import org.fieldpost.jms.FieldpostQueue;
import org.fieldpost.jms.FieldpostTemporaryTopic;
import org.fieldpost.jms.FieldpostTopic;
import org.junit.jupiter.api.Test;

/** Messages and destinations of another JMS provider (spec 3.12). */
class ForeignMessageTest {

    @Test
    void aForeignReplyToAndDestinationBecomeFieldpostDestinations() throws JMSException {
        FieldpostMessage delegate = new FieldpostMessage();
        delegate.setJMSReplyTo(foreignDestination(Queue.class, "replies"));
        delegate.setJMSDestination(foreignDestination(Topic.class, "news"));

        FieldpostMessage copy = AmqpMessageCodec.copyOf(Messages.foreign(delegate));

        assertThat(copy.getJMSReplyTo()).isEqualTo(new FieldpostQueue("replies"));
        assertThat(copy.getJMSDestination()).isEqualTo(new FieldpostTopic("news"));
        FieldpostMessage odd = new FieldpostMessage();
        odd.setJMSReplyTo(foreignDestination(Queue.class, "topic://not-a-topic"));
        assertThat(AmqpMessageCodec.copyOf(Messages.foreign(odd)).getJMSReplyTo())
            .isEqualTo(new FieldpostQueue("topic://not-a-topic"));
        FieldpostMessage temporary = new FieldpostMessage();
        temporary.setJMSReplyTo(foreignDestination(TemporaryTopic.class, "tt"));
        assertThat(AmqpMessageCodec.copyOf(Messages.foreign(temporary)).getJMSReplyTo())
            .isEqualTo(new FieldpostTemporaryTopic("tt", null));
    }

    @Test
    void aReplyToThatIsNeitherQueueNorTopicIsRefused() {
        FieldpostMessage delegate = new FieldpostMessage();
        delegate.setJMSReplyTo(new Destination() { });

        assertThatThrownBy(() -> AmqpMessageCodec.encode(Messages.foreign(delegate), null))
            .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void providerSetJmsxPropertiesAreNotCopied() throws JMSException {
        FieldpostMessage delegate = new FieldpostMessage();
        delegate.setDeliveryCount(4);
        delegate.setStringProperty("JMSXGroupID", "g");

        FieldpostMessage copy = AmqpMessageCodec.copyOf(Messages.foreign(delegate));

        assertThat(copy.getDeliveryCount()).isZero();
        assertThat(copy.getStringProperty("JMSXGroupID")).isEqualTo("g");
    }

    @Test
    void aFieldpostMessageIsItsOwnCopy() throws JMSException {
        FieldpostMessage message = new FieldpostTextMessage("x");

        assertThat(AmqpMessageCodec.copyOf(message)).isSameAs(message);
    }

    @Test
    void theCopyIsWritableAndIndependent() throws JMSException {
        FieldpostTextMessage delegate = new FieldpostTextMessage("a");
        delegate.setReadOnly();

        FieldpostTextMessage copy = (FieldpostTextMessage) AmqpMessageCodec.copyOf(Messages.foreign(delegate));
        copy.setText("b");
        copy.setStringProperty("p", "v");

        assertThat(delegate.getText()).isEqualTo("a");
        assertThat(delegate.propertyExists("p")).isFalse();
    }

    private static Destination foreignDestination(Class<? extends Destination> type, String name) {
        return (Destination) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> switch (method.getName()) {
                case "getQueueName", "getTopicName", "toString" -> name;
                case "hashCode" -> name.hashCode();
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    private static ClassLoader getClassLoader() {
        return Message.class.getClassLoader();
    }
}
