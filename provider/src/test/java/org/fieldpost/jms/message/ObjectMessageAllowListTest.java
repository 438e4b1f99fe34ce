package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ObjectMessage deserialization: only allow-listed classes, checked before any of their code runs. */
class ObjectMessageAllowListTest {

    /** An application class, not allowed by default. */
    static final class Order implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;

        Order(String id) {
            this.id = id;
        }
    }

    /** Counts calls of its readObject: a gadget must never get that far. */
    static final class Tripwire implements Serializable {
        static final AtomicInteger READS = new AtomicInteger();
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(ObjectMessageAllowList.PROPERTY);
    }

    @Test
    void jdkTypesRoundTripThroughTheWire() throws JMSException {
        HashMap<String, Object> value = new HashMap<>();
        value.put("list", new ArrayList<>(List.of(1, 2L, "three")));
        value.put("decimal", new BigDecimal("1.25"));
        value.put("when", Instant.ofEpochSecond(1_700_000_000L));
        value.put("where", URI.create("amqp://localhost"));
        value.put("ints", new int[] {1, 2});
        value.put("strings", new String[][] {{"a"}});
        FieldpostObjectMessage sent = new FieldpostObjectMessage();
        sent.setObject(value);

        FieldpostObjectMessage received = (FieldpostObjectMessage) roundTrip(sent);

        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) received.getObject();
        assertThat(object).containsEntry("list", List.of(1, 2L, "three"))
            .containsEntry("decimal", new BigDecimal("1.25"))
            .containsEntry("when", Instant.ofEpochSecond(1_700_000_000L))
            .containsEntry("where", URI.create("amqp://localhost"));
        assertThat((int[]) object.get("ints")).containsExactly(1, 2);
    }

    @Test
    void anApplicationClassIsRefusedByDefaultNamingTheClass() throws JMSException {
        FieldpostObjectMessage message = received(new Order("o-1"));

        assertThatThrownBy(message::getObject).isInstanceOf(MessageFormatException.class)
            .hasMessageContaining(Order.class.getName()).hasMessageContaining(ObjectMessageAllowList.PROPERTY);
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
    }

    @Test
    void aRefusedClassInsideAnAllowedOneIsRefused() throws JMSException {
        ArrayList<Object> list = new ArrayList<>(List.of("ok", new Order("o-2")));

        assertThatThrownBy(() -> received(list).getObject()).hasMessageContaining(Order.class.getName());
        assertThatThrownBy(() -> received(new Order[] {new Order("o-3")}).getObject())
            .hasMessageContaining(Order.class.getName());
    }

    @Test
    void theSystemPropertyAllowsAClassOrAPackage() throws JMSException {
        FieldpostObjectMessage message = received(new Order("o-4"));

        System.setProperty(ObjectMessageAllowList.PROPERTY, " com.example , " + Order.class.getName());
        assertThat(((Order) message.getObject()).id).isEqualTo("o-4");

        System.setProperty(ObjectMessageAllowList.PROPERTY, "org.fieldpost.jms.*");
        assertThat(((Order) message.getObject()).id).isEqualTo("o-4");

        System.setProperty(ObjectMessageAllowList.PROPERTY, "*");
        assertThat(((Order) message.getObject()).id).isEqualTo("o-4");

        System.setProperty(ObjectMessageAllowList.PROPERTY, "org.fieldpost.jm");
        assertThatThrownBy(message::getObject).as("a prefix ends at a package boundary")
            .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void anAllowListSetOnTheMessageWins() throws JMSException {
        FieldpostObjectMessage message = received(new Order("o-5"));
        message.setAllowList(ObjectMessageAllowList.withDefaultsAnd(Order.class.getName()));

        assertThat(((Order) message.getObject()).id).isEqualTo("o-5");
    }

    @Test
    void aRefusedClassNeverRunsItsReadObject() throws JMSException {
        Tripwire.READS.set(0);
        FieldpostObjectMessage message = received(new HashMap<>(Map.of("gadget", new Tripwire())));

        assertThatThrownBy(message::getObject).hasMessageContaining(Tripwire.class.getName());
        assertThat(Tripwire.READS).hasValue(0);

        message.setAllowList(ObjectMessageAllowList.withDefaultsAnd(Tripwire.class.getName()));
        message.getObject();
        assertThat(Tripwire.READS).as("the tripwire works when allowed").hasValue(1);
    }

    @Test
    void namesAreMatchedByPackageClassNestingAndArrayComponent() {
        ObjectMessageAllowList list = ObjectMessageAllowList.withDefaultsAnd("com.acme, org.x.Order");

        assertThat(list.allows("java.util.HashMap")).isTrue();
        assertThat(list.allows("java.util.concurrent.ConcurrentHashMap")).isTrue();
        assertThat(list.allows("java.lang.Integer")).isTrue();
        assertThat(list.allows("[I")).isTrue();
        assertThat(list.allows("[[Ljava.lang.String;")).isTrue();
        assertThat(list.allows("int")).isTrue();
        assertThat(list.allows("com.acme.billing.Invoice")).isTrue();
        assertThat(list.allows("org.x.Order")).isTrue();
        assertThat(list.allows("org.x.Order$Line")).isTrue();
        assertThat(list.allows("org.x.OrderLine")).isFalse();
        assertThat(list.allows("com.acmex.Thing")).isFalse();
        assertThat(list.allows("[Lorg.apache.commons.collections.Transformer;")).isFalse();
        assertThat(list.allows("javax.management.BadAttributeValueExpException")).isFalse();
        assertThat(list.allows("java.langx.Foo")).isFalse();
    }

    private static FieldpostObjectMessage received(Serializable object) throws JMSException {
        FieldpostObjectMessage sent = new FieldpostObjectMessage();
        sent.setObject(object);
        return (FieldpostObjectMessage) roundTrip(sent);
    }

    private static FieldpostMessage roundTrip(FieldpostMessage message) throws JMSException {
        AmqpPayload payload = AmqpMessageCodec.encode(message, null);
        BasicProperties properties = payload.properties();
        return AmqpMessageCodec.decode(properties, payload.body(), false, "jms.queues", "q");
    }
}
