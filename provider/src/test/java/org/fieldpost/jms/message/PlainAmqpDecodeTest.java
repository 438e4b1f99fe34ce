package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.jms.message.Messages.wire;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.jms.FieldpostDestination;
import org.fieldpost.jms.FieldpostQueue;
import org.fieldpost.jms.FieldpostTemporaryQueue;
import org.fieldpost.jms.FieldpostTemporaryTopic;
import org.fieldpost.jms.FieldpostTopic;
import org.fieldpost.protocol.BasicProperties;
import org.junit.jupiter.api.Test;

/** Messages published by plain AMQP clients (kombu, the RabbitMQ Java client), without x-jms-* headers. */
class PlainAmqpDecodeTest {

    @Test
    void noPropertiesAtAllIsABytesMessageWithJmsDefaults() throws JMSException {
        FieldpostMessage message = AmqpMessageCodec.decode(BasicProperties.EMPTY, new byte[] {1, 2}, false, "", "q");

        assertThat(message).isInstanceOf(FieldpostBytesMessage.class);
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSPriority()).isEqualTo(4);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSTimestamp()).isZero();
        assertThat(message.getJMSExpiration()).isZero();
        assertThat(message.getJMSDeliveryTime()).isZero();
        assertThat(message.getJMSDestination()).isEqualTo(new FieldpostQueue("q"));
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("JMSXDeliveryCount");
    }

    @Test
    void aNullBodyIsAnEmptyOne() throws JMSException {
        FieldpostMessage message = AmqpMessageCodec.decode(BasicProperties.EMPTY, null, false, "", "q");

        assertThat(message.getBody(byte[].class)).isNull();
    }

    @Test
    void aRabbitMqJavaClientTextMessage() throws JMSException {
        BasicProperties properties = wire(BasicProperties.builder().contentType("text/plain; charset=ISO-8859-1")
            .messageId("42").correlationId("c").replyTo("amq.gen-reply").timestamp(1_700_000_000L).deliveryMode(2)
            .priority(1).type("greeting").appId("app").build());

        FieldpostMessage message = AmqpMessageCodec.decode(properties, "h\u00e9".getBytes(StandardCharsets.ISO_8859_1),
            false, "amq.direct", "key");

        assertThat(((FieldpostTextMessage) message).getText()).isEqualTo("hé");
        assertThat(message.getJMSMessageID()).isEqualTo("42");
        assertThat(message.getJMSCorrelationID()).isEqualTo("c");
        assertThat(message.getJMSReplyTo()).isEqualTo(new FieldpostTemporaryQueue("amq.gen-reply", null));
        assertThat(message.getJMSTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(message.getJMSDeliveryTime()).isEqualTo(1_700_000_000_000L);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(1);
        assertThat(message.getJMSType()).isEqualTo("greeting");
        assertThat(message.getJMSDestination()).as("another exchange: a fanout topic")
            .isEqualTo(FieldpostTopic.fanout("amq.direct"));
    }

    @Test
    void textWithoutACharsetIsUtf8OrTheContentEncoding() throws JMSException {
        byte[] utf8 = "grüße".getBytes(StandardCharsets.UTF_8);
        FieldpostMessage plain = AmqpMessageCodec.decode(BasicProperties.builder().contentType("text/html").build(),
            utf8, false, "", "q");
        FieldpostMessage latin = AmqpMessageCodec.decode(BasicProperties.builder().contentType("TEXT/plain")
            .contentEncoding("iso-8859-1").build(), "grüße".getBytes(StandardCharsets.ISO_8859_1), false, "", "q");
        FieldpostMessage bogus = AmqpMessageCodec.decode(BasicProperties.builder()
            .contentType("text/plain; charset=\"no-such-charset\"").build(), utf8, false, "", "q");

        assertThat(((FieldpostTextMessage) plain).getText()).isEqualTo("grüße");
        assertThat(((FieldpostTextMessage) latin).getText()).isEqualTo("grüße");
        assertThat(((FieldpostTextMessage) bogus).getText()).isEqualTo("grüße");
    }

    @Test
    void aKombuJsonMessageIsABytesMessageWithItsHeadersAsProperties() throws JMSException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("task", "tasks.add");
        headers.put("id", "5f1b");
        headers.put("retries", 0);
        headers.put("eta", null);
        headers.put("argsrepr", "(2, 2)");
        BasicProperties properties = wire(BasicProperties.builder().contentType("application/json")
            .contentEncoding("utf-8").headers(headers).deliveryMode(2).priority(0).build());
        byte[] json = "[[2, 2], {}, {}]".getBytes(StandardCharsets.UTF_8);

        FieldpostMessage message = AmqpMessageCodec.decode(properties, json, false, "jms.queues", "celery");

        assertThat(message).isInstanceOf(FieldpostBytesMessage.class);
        assertThat(message.getBody(byte[].class)).containsExactly(json);
        assertThat(message.getStringProperty("task")).isEqualTo("tasks.add");
        assertThat(message.getIntProperty("retries")).isZero();
        assertThat(message.propertyExists("eta")).isTrue();
        assertThat(message.getStringProperty("eta")).isNull();
        assertThat(message.getJMSDestination()).isEqualTo(new FieldpostQueue("celery"));
    }

    @Test
    void headersOfNonJmsTypesBecomeStringsOrAreDropped() throws JMSException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("decimal", new BigDecimal("12.50"));
        headers.put("when", new Date(1_700_000_000_000L));
        headers.put("x-death", List.of(Map.of("count", 1L, "reason", "expired")));
        headers.put("table", Map.of("a", 1));
        headers.put("binary", new byte[] {1});
        headers.put("unsignedByte", (short) 200);

        Message message = AmqpMessageCodec.decode(wire(BasicProperties.builder().headers(headers).build()),
            new byte[0], false, "", "q");

        assertThat(message.getStringProperty("decimal")).isEqualTo("12.50");
        assertThat(message.getStringProperty("when")).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(message.getStringProperty("x-death")).contains("reason=expired").contains("count=1");
        assertThat(message.getStringProperty("table")).isEqualTo("{a=1}");
        assertThat(message.propertyExists("binary")).isFalse();
        assertThat(message.getShortProperty("unsignedByte")).isEqualTo((short) 200);
    }

    @Test
    void aBrokerDeliveryCountAndOutOfRangePriority() throws JMSException {
        BasicProperties properties = BasicProperties.builder().priority(200)
            .headers(Map.of("x-delivery-count", 3, "x-jms-timestamp", "not a number")).build();

        FieldpostMessage message = AmqpMessageCodec.decode(properties, new byte[0], true, "", "q");

        assertThat(message.getJMSPriority()).isEqualTo(9);
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(message.getJMSTimestamp()).isZero();
        assertThat(message.propertyExists("x-jms-timestamp")).isFalse();
    }

    @Test
    void aMalformedMapOrStreamBodyArrivesAsBytes() throws JMSException {
        for (String type : List.of("map", "stream")) {
            BasicProperties properties = BasicProperties.builder().headers(Map.of("x-jms-body", type)).build();

            FieldpostMessage message = AmqpMessageCodec.decode(properties, new byte[] {0, 0, 0, 9, 1}, false, "", "q");

            assertThat(message).as(type).isInstanceOf(FieldpostBytesMessage.class);
            assertThat(message.getBody(byte[].class)).containsExactly(0, 0, 0, 9, 1);
        }
    }

    @Test
    void anEmptyMapOrStreamBodyIsAnEmptyMessageOfThatType() {
        BasicProperties map = BasicProperties.builder().headers(Map.of("x-jms-body", "map")).build();
        BasicProperties stream = BasicProperties.builder().headers(Map.of("x-jms-body", "stream")).build();

        assertThat(AmqpMessageCodec.decode(map, new byte[0], false, "", "q")).isInstanceOf(FieldpostMapMessage.class);
        assertThat(AmqpMessageCodec.decode(stream, new byte[0], false, "", "q"))
            .isInstanceOf(FieldpostStreamMessage.class);
    }

    @Test
    void anUnknownBodyTypeFallsBackOnTheContentType() {
        BasicProperties properties = BasicProperties.builder().contentType("text/plain")
            .headers(Map.of("x-jms-body", "hologram")).build();

        assertThat(AmqpMessageCodec.decode(properties, new byte[] {'a'}, false, "", "q"))
            .isInstanceOf(FieldpostTextMessage.class);
    }

    @Test
    void theDestinationFollowsTheExchangeAndRoutingKey() {
        assertThat(AmqpMessageCodec.deliveredTo("jms.queues", "orders")).isEqualTo(new FieldpostQueue("orders"));
        assertThat(AmqpMessageCodec.deliveredTo("", "orders")).isEqualTo(new FieldpostQueue("orders"));
        assertThat(AmqpMessageCodec.deliveredTo("", "fieldpost.tmp.1"))
            .isEqualTo(new FieldpostTemporaryQueue("fieldpost.tmp.1", null));
        assertThat(AmqpMessageCodec.deliveredTo("jms.topics", "prices.eur"))
            .isEqualTo(new FieldpostTopic("prices.eur"));
        assertThat(AmqpMessageCodec.deliveredTo("jms.topics", "fieldpost.tmp.2"))
            .isEqualTo(new FieldpostTemporaryTopic("fieldpost.tmp.2", null));
        assertThat(AmqpMessageCodec.deliveredTo("fieldpost.tmp.3", ""))
            .isEqualTo(new FieldpostTemporaryTopic("fieldpost.tmp.3", null));
        assertThat(AmqpMessageCodec.deliveredTo("news", "")).isEqualTo(FieldpostTopic.fanout("news"));
        assertThat(AmqpMessageCodec.deliveredTo(null, "q")).isNull();
        assertThat(AmqpMessageCodec.deliveredTo("", "")).isNull();
    }

    @Test
    void xJmsDestinationWinsOverTheDelivery() throws JMSException {
        BasicProperties properties = BasicProperties.builder()
            .headers(Map.of("x-jms-destination", "topic://prices.eur")).build();

        FieldpostMessage message = AmqpMessageCodec.decode(properties, new byte[0], false, "", "jms.durable.c.s");

        assertThat(message.getJMSDestination()).isEqualTo(new FieldpostTopic("prices.eur"));
        assertThat(FieldpostDestination.from(message.getJMSDestination()).exchange()).isEqualTo("jms.topics");
    }
}
