package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.jms.message.Messages.assertSameMessage;
import static org.fieldpost.jms.message.Messages.roundTrip;
import static org.fieldpost.jms.message.Messages.wire;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.jms.FieldpostQueue;
import org.fieldpost.jms.FieldpostTemporaryQueue;
import org.fieldpost.jms.FieldpostTopic;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding JMS messages as AMQP content and back: every body type, header and property type. */
class AmqpMessageCodecTest {
    private static final FieldpostQueue ORDERS = new FieldpostQueue("orders");

    static Stream<FieldpostMessage> everyBodyType() throws JMSException {
        FieldpostTextMessage text = new FieldpostTextMessage("grüße ✓");
        FieldpostBytesMessage bytes = new FieldpostBytesMessage();
        bytes.writeInt(42);
        bytes.writeUTF("x");
        FieldpostMapMessage map = new FieldpostMapMessage();
        FieldpostStreamMessage stream = new FieldpostStreamMessage();
        for (Object value : new Object[] {true, (byte) -1, (short) 300, 'ç', 7, 8L, 1.5f, 2.5d, "s", new byte[] {1, 2},
            null, '\uD800'}) {
            map.setObject("k" + map.entries().size(), value);
            stream.writeObject(value);
        }
        FieldpostObjectMessage object = new FieldpostObjectMessage();
        object.setObject(new ArrayList<>(List.of("a", 1)));
        return Stream.of(new FieldpostMessage(), text, bytes, map, stream, object, new FieldpostTextMessage(""),
            new FieldpostTextMessage(), new FieldpostBytesMessage(), new FieldpostMapMessage(),
            new FieldpostStreamMessage(), new FieldpostObjectMessage());
    }

    @ParameterizedTest
    @MethodSource("everyBodyType")
    void everyBodyTypeRoundTripsWithAllHeadersAndProperties(FieldpostMessage message) throws JMSException {
        withAllHeadersAndProperties(message);

        FieldpostMessage received = roundTrip(message, ORDERS, false);

        assertSameMessage(received, message);
        assertThat(received.getJMSDestination()).isEqualTo(ORDERS);
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("everyBodyType")
    void foreignMessagesOfEveryBodyTypeEncodeLikeOurs(FieldpostMessage message) throws JMSException {
        withAllHeadersAndProperties(message);
        Message foreign = Messages.foreign(message);

        FieldpostMessage received = roundTrip(foreign, ORDERS, false);

        assertSameMessage(received, message);
    }

    @ParameterizedTest
    @MethodSource("everyBodyType")
    void decodedMessagesAreReadOnly(FieldpostMessage message) throws JMSException {
        FieldpostMessage received = roundTrip(message, ORDERS, false);

        assertThatThrownBy(() -> received.setStringProperty("p", "v")).isInstanceOf(MessageNotWriteableException.class);
        received.clearBody();
        received.clearProperties();
        received.setStringProperty("p", "v");
    }

    @Test
    void headersMapOntoAmqpProperties() throws JMSException {
        FieldpostTextMessage message = new FieldpostTextMessage("hi");
        long now = System.currentTimeMillis();
        message.setJMSMessageID("ID:1");
        message.setJMSCorrelationID("c");
        message.setJMSType("t");
        message.setJMSReplyTo(new FieldpostTopic("replies"));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(12);
        message.setJMSTimestamp(1_700_000_000_123L);
        message.setJMSExpiration(now + 60_000);
        message.setJMSDeliveryTime(now + 30_000);
        message.setIntProperty("n", 1);

        BasicProperties properties = AmqpMessageCodec.encode(message, FieldpostTopic.fanout("news")).properties();

        assertThat(properties.messageId()).isEqualTo("ID:1");
        assertThat(properties.correlationId()).isEqualTo("c");
        assertThat(properties.type()).isEqualTo("t");
        assertThat(properties.replyTo()).isEqualTo("topic://replies");
        assertThat(properties.deliveryMode()).isEqualTo(1);
        assertThat(properties.priority()).isEqualTo(9);
        assertThat(properties.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(Long.parseLong(properties.expiration())).isBetween(55_000L, 60_000L);
        assertThat(properties.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(properties.headers()).containsEntry("x-jms-body", "text")
            .containsEntry("x-jms-timestamp", 1_700_000_000_123L).containsEntry("x-jms-expiration", now + 60_000)
            .containsEntry("x-delivery-time", now + 30_000).containsEntry("x-jms-destination", "fanout://news")
            .containsEntry("n", 1);
    }

    @Test
    void unsetHeadersAreLeftOut() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.setJMSDeliveryTime(System.currentTimeMillis() - 1);

        BasicProperties properties = AmqpMessageCodec.encode(message, null).properties();

        assertThat(properties.messageId()).isNull();
        assertThat(properties.timestamp()).isNull();
        assertThat(properties.expiration()).isNull();
        assertThat(properties.deliveryMode()).isEqualTo(2);
        assertThat(properties.priority()).isEqualTo(4);
        assertThat(properties.contentType()).isEqualTo("application/octet-stream");
        assertThat(properties.headers()).containsOnlyKeys("x-jms-body");
    }

    @Test
    void anExpiredMessageGetsATtlOfZero() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setJMSExpiration(System.currentTimeMillis() - 1000);

        assertThat(AmqpMessageCodec.encode(message, ORDERS).properties().expiration()).isEqualTo("0");
    }

    @Test
    void propertiesKeepTheirTypesOnTheWire() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        withAllHeadersAndProperties(message);

        Map<String, Object> headers = wire(AmqpMessageCodec.encode(message, ORDERS).properties()).headers();

        assertThat(headers.get("bool")).isEqualTo(true);
        assertThat(headers.get("byte")).isEqualTo((byte) 1);
        assertThat(headers.get("short")).isEqualTo((short) 2);
        assertThat(headers.get("int")).isEqualTo(3);
        assertThat(headers.get("long")).isEqualTo(4L);
        assertThat(headers.get("float")).isEqualTo(5.5f);
        assertThat(headers.get("double")).isEqualTo(6.5d);
        assertThat(headers.get("string")).isEqualTo("seven");
    }

    @Test
    void aNullTextAndAnEmptyTextStayApart() throws JMSException {
        assertThat(((FieldpostTextMessage) roundTrip(new FieldpostTextMessage(), ORDERS, false)).getText()).isNull();
        assertThat(((FieldpostTextMessage) roundTrip(new FieldpostTextMessage(""), ORDERS, false)).getText())
            .isEmpty();
    }

    @Test
    void aCharIsAOneEntryTableInMapAndStreamBodies() throws JMSException {
        FieldpostStreamMessage stream = new FieldpostStreamMessage();
        stream.writeChar('A');
        AmqpPayload payload = AmqpMessageCodec.encode(stream, ORDERS);

        assertThat(BodyCodec.decodeStream(payload.body())).containsExactly('A');
        assertThat(payload.body()).containsExactly(0, 0, 0, 15, 'F', 0, 0, 0, 10, 4, 'c', 'h', 'a', 'r', 'I', 0, 0,
            0, 'A');
    }

    @Test
    void redeliveryAndDeliveryCount() throws JMSException {
        FieldpostMessage redelivered = roundTrip(new FieldpostMessage(), ORDERS, true);
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        assertThat(redelivered.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);

        BasicProperties counted = BasicProperties.builder().headers(Map.of("x-delivery-count", 5)).build();
        FieldpostMessage fifth = AmqpMessageCodec.decode(counted, new byte[0], true, "", "q");
        assertThat(fifth.getIntProperty("JMSXDeliveryCount")).isEqualTo(5);
        assertThat(fifth.propertyExists("x-delivery-count")).isFalse();
    }

    @Test
    void bytesCorrelationIdsCrossTheWire() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setJMSCorrelationIDAsBytes(new byte[] {1, 2, (byte) 0xff});

        FieldpostMessage received = roundTrip(message, ORDERS, false);

        assertThat(received.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 0xff);
    }

    @Test
    void aStringTooLongForItsAmqpFieldIsAFormatError() {
        FieldpostMessage message = new FieldpostMessage();
        message.setJMSCorrelationID("c".repeat(256));

        assertThatThrownBy(() -> AmqpMessageCodec.encode(message, ORDERS)).isInstanceOf(MessageFormatException.class)
            .hasMessageContaining("JMSCorrelationID");
    }

    @Test
    void encodingLeavesAWriteOnlyBytesMessageWritable() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeInt(1);

        AmqpMessageCodec.encode(message, ORDERS);

        message.writeInt(2);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(8);
    }

    @Test
    void destinationsCrossTheWireAsAddresses() throws JMSException {
        for (FieldpostDestination destination : List.of(ORDERS, new FieldpostTopic("a.b"), FieldpostTopic.fanout("f"),
            new FieldpostTemporaryQueue("fieldpost.tmp.1", null),
            FieldpostDestination.fromAddress("temp-topic://fieldpost.tmp.2"))) {
            FieldpostMessage message = new FieldpostMessage();
            message.setJMSReplyTo(destination);

            FieldpostMessage received = roundTrip(message, destination, false);

            assertThat(received.getJMSReplyTo()).isEqualTo(destination);
            assertThat(received.getJMSDestination()).isEqualTo(destination);
        }
    }

    @Test
    void messageIdsAreUniqueAndStartWithId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(AmqpMessageCodec.newMessageId());
        }

        assertThat(ids).hasSize(1000).allMatch(id -> id.startsWith("ID:"));
    }

    static void withAllHeadersAndProperties(FieldpostMessage message) throws JMSException {
        message.setJMSMessageID("ID:abc:1");
        message.setJMSCorrelationID("corr-1");
        message.setJMSType("OrderPlaced");
        message.setJMSReplyTo(new FieldpostTemporaryQueue("amq.gen-xyz", null));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(7);
        message.setJMSTimestamp(System.currentTimeMillis());
        message.setJMSExpiration(message.getJMSTimestamp() + 3_600_000);
        message.setJMSDeliveryTime(message.getJMSTimestamp() + 60_000);
        message.setBooleanProperty("bool", true);
        message.setByteProperty("byte", (byte) 1);
        message.setShortProperty("short", (short) 2);
        message.setIntProperty("int", 3);
        message.setLongProperty("long", 4L);
        message.setFloatProperty("float", 5.5f);
        message.setDoubleProperty("double", 6.5d);
        message.setStringProperty("string", "seven");
        message.setStringProperty("nothing", null);
        message.setStringProperty("JMSXGroupID", "group");
        message.setIntProperty("JMSXGroupSeq", 2);
    }
}
