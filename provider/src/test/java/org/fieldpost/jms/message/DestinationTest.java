package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.jms.FieldpostDestinationFactory;
import org.fieldpost.jms.FieldpostQueue;
import org.fieldpost.jms.FieldpostTemporaryQueue;
import org.fieldpost.jms.FieldpostTemporaryTopic;
import org.fieldpost.jms.FieldpostTopic;
import org.fieldpost.jms.TemporaryDestinationOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Destinations: AMQP targets, destination strings, serialization and JNDI references. */
class DestinationTest {

    static Stream<FieldpostDestination> everyKind() {
        return Stream.of(new FieldpostQueue("orders"), new FieldpostTopic("prices.eur"), FieldpostTopic.fanout("news"),
            new FieldpostTemporaryQueue("fieldpost.tmp.5", null), new FieldpostTemporaryTopic("fieldpost.tmp.6", null),
            new FieldpostQueue("topic://odd"), new FieldpostQueue("amq.gen-named-by-hand"),
            new FieldpostTemporaryQueue("named-by-hand", null), new FieldpostTemporaryQueue("fanout://x", null),
            new FieldpostTopic("queue://y"));
    }

    @Test
    void eachKindPublishesWhereProtocolMdSays() {
        assertTarget(new FieldpostQueue("orders"), "jms.queues", "orders", "orders");
        assertTarget(new FieldpostTopic("prices.eur"), "jms.topics", "prices.eur", "topic://prices.eur");
        assertTarget(FieldpostTopic.fanout("news"), "news", "", "fanout://news");
        assertTarget(new FieldpostTemporaryQueue("fieldpost.tmp.1", null), "", "fieldpost.tmp.1", "fieldpost.tmp.1");
        assertTarget(new FieldpostTemporaryTopic("fieldpost.tmp.2", null), "fieldpost.tmp.2", "",
            "temp-topic://fieldpost.tmp.2");
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void addressesRoundTrip(FieldpostDestination destination) {
        FieldpostDestination parsed = FieldpostDestination.fromAddress(destination.toAddress());

        assertThat(parsed).isEqualTo(destination).hasSameClassAs(destination).hasSameHashCodeAs(destination);
        assertThat(parsed.kind()).isEqualTo(destination.kind());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void jndiReferencesRoundTripThroughTheFactory(FieldpostDestination destination) throws Exception {
        Reference reference = destination.getReference();

        Object rebuilt = new FieldpostDestinationFactory().getObjectInstance(reference, null, null, null);

        assertThat(reference.getFactoryClassName()).isEqualTo(FieldpostDestinationFactory.class.getName());
        assertThat(reference.getClassName()).isEqualTo(destination.getClass().getName());
        assertThat(rebuilt).isEqualTo(destination).hasSameClassAs(destination);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void destinationsSerialize(FieldpostDestination destination) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(destination);
        }
        Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(copy).isEqualTo(destination).hasSameClassAs(destination);
        assertThat(((FieldpostDestination) copy).exchange()).isEqualTo(destination.exchange());
    }

    @Test
    void aQueueNameThatWouldReadAsAnotherKindGetsAnExplicitScheme() {
        assertThat(new FieldpostQueue("topic://odd").toAddress()).isEqualTo("queue://topic://odd");
        assertThat(new FieldpostQueue("fieldpost.tmp.x").toAddress()).isEqualTo("queue://fieldpost.tmp.x");
        assertThat(new FieldpostTemporaryQueue("mine", null).toAddress()).isEqualTo("temp-queue://mine");
    }

    @Test
    void theFactoryTakesAHandWrittenAddressAndIgnoresOtherObjects() throws Exception {
        Reference reference = new Reference(FieldpostDestination.class.getName());
        reference.add(new StringRefAddr("address", "topic://a.b"));
        FieldpostDestinationFactory factory = new FieldpostDestinationFactory();

        assertThat(factory.getObjectInstance(reference, null, null, null)).isEqualTo(new FieldpostTopic("a.b"));
        assertThat(factory.getObjectInstance("not a reference", null, null, null)).isNull();
        assertThat(factory.getObjectInstance(new Reference("x"), null, null, null)).isNull();
    }

    @Test
    void plainNamesAreQueuesAndTemporaryPrefixesTemporaryQueues() {
        assertThat(FieldpostDestination.fromAddress("orders")).isInstanceOf(FieldpostQueue.class);
        assertThat(FieldpostDestination.fromAddress("amq.gen-abc")).isInstanceOf(FieldpostTemporaryQueue.class);
        assertThat(FieldpostDestination.fromAddress("fieldpost.tmp.x")).isInstanceOf(FieldpostTemporaryQueue.class);
        assertThat(FieldpostDestination.fromAddress("queue://topic://odd"))
            .isEqualTo(new FieldpostQueue("topic://odd"));
        assertThat(FieldpostDestination.fromAddress("temp-queue://q1"))
            .isEqualTo(new FieldpostTemporaryQueue("q1", null));
        assertThat(FieldpostDestination.fromAddress(null)).isNull();
        assertThatThrownBy(() -> FieldpostDestination.fromAddress("topic://"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldpostDestination.fromAddress("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindAndNameMakeEquality() {
        assertThat(new FieldpostQueue("a")).isNotEqualTo(new FieldpostTopic("a"));
        assertThat(new FieldpostTopic("a")).isNotEqualTo(FieldpostTopic.fanout("a"));
        assertThat(FieldpostTopic.fanout("a").isFanout()).isTrue();
        assertThat(new FieldpostTemporaryQueue("t", new RecordingOwner()))
            .isEqualTo(new FieldpostTemporaryQueue("t", null));
    }

    @Test
    void deleteGoesToTheOwner() throws JMSException {
        RecordingOwner owner = new RecordingOwner();
        FieldpostTemporaryQueue queue = new FieldpostTemporaryQueue("fieldpost.tmp.q", owner);
        FieldpostTemporaryTopic topic = new FieldpostTemporaryTopic("fieldpost.tmp.t", owner);

        queue.delete();
        topic.delete();

        assertThat(owner.deleted).containsExactly(queue, topic);
        assertThat(queue.owner()).isSameAs(owner);
    }

    @Test
    void aTemporaryDestinationWithoutOwnerCannotBeDeleted() {
        FieldpostDestination rebuilt = FieldpostDestination.fromAddress("temp-topic://fieldpost.tmp.t");

        assertThatThrownBy(((FieldpostTemporaryTopic) rebuilt)::delete).isExactlyInstanceOf(JMSException.class);
        assertThatThrownBy(new FieldpostTemporaryQueue("amq.gen-1", null)::delete)
            .isExactlyInstanceOf(JMSException.class);
    }

    @Test
    void namesMustNotBeEmpty() {
        assertThatThrownBy(() -> new FieldpostQueue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldpostTopic("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertTarget(FieldpostDestination destination, String exchange, String key, String address) {
        assertThat(destination.exchange()).isEqualTo(exchange);
        assertThat(destination.routingKey()).isEqualTo(key);
        assertThat(destination.toAddress()).isEqualTo(address);
        assertThat(destination.toString()).isEqualTo(address);
    }

    private static final class RecordingOwner implements TemporaryDestinationOwner {
        final List<FieldpostDestination> deleted = new ArrayList<>();

        @Override
        public void deleteTemporary(FieldpostDestination destination) {
            deleted.add(destination);
        }

        @Override
        public boolean owns(FieldpostDestination destination) {
            return deleted.contains(destination);
        }
    }
}
