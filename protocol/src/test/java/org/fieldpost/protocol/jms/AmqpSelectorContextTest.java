package org.fieldpost.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.selector.Selector;
import org.fieldpost.protocol.selector.SelectorSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Selectors over AMQP content through Fieldpost's JMS mapping (protocol README, "JMS mapping"). */
class AmqpSelectorContextTest {
    private static final BasicProperties JMS_MESSAGE = BasicProperties.builder()
        .messageId("ID:42").correlationId("corr-1").type("car").priority(7).deliveryMode(2).timestamp(1_700_000_000L)
        .headers(headers()).build();

    private static Map<String, Object> headers() {
        Map<String, Object> h = new HashMap<>();
        h.put(JmsHeaders.X_JMS_TIMESTAMP, 1_700_000_000_123L);
        h.put(JmsHeaders.JMSX_GROUP_ID, "group-a");
        h.put(JmsHeaders.JMSX_GROUP_SEQ, 3);
        h.put("JMS_Fieldpost_Tag", "vendor");
        h.put("color", "blue");
        h.put("weight", 2600L);
        h.put("ratio", 0.5f);
        h.put("small", (byte) 1);
        h.put("medium", (short) 2);
        h.put("flag", true);
        h.put("blob", new byte[] {1, 2});
        h.put("table", Map.of("a", 1));
        h.put("array", List.of(1));
        h.put("when", new Date(0));
        h.put("decimal", BigDecimal.TEN);
        h.put("JMSRedelivered", true);
        h.put("JMSDestination", "queue://q");
        h.put("JMSExpiration", 5L);
        return h;
    }

    static Stream<Arguments> jmsMessage() {
        return Stream.of(
            row("JMSMessageID = 'ID:42'", true), row("JMSCorrelationID = 'corr-1'", true), row("JMSType = 'car'", true),
            row("JMSPriority = 7", true), row("JMSPriority > 4", true), row("JMSDeliveryMode = 'PERSISTENT'", true),
            row("JMSDeliveryMode = 'NON_PERSISTENT'", false), row("JMSTimestamp = 1700000000123", true),
            row("JMSXDeliveryCount = 1", true), row("JMSXGroupID = 'group-a' AND JMSXGroupSeq = 3", true),
            row("JMS_Fieldpost_Tag = 'vendor'", true),
            row("JMSType = 'car' AND color = 'blue' AND weight > 2500", true), row("ratio = 0.5", true),
            row("small + medium = 3", true), row("flag", true), row("color LIKE 'bl%'", true),
            // Not JMS property types: NULL.
            row("blob IS NULL AND table IS NULL AND array IS NULL AND when IS NULL AND decimal IS NULL", true),
            // Header fields selectors may not reference are NULL, even when a header has the name.
            row("JMSRedelivered IS NULL AND JMSDestination IS NULL AND JMSExpiration IS NULL", true),
            row("JMSReplyTo IS NULL AND JMSDeliveryTime IS NULL", true), row("jmsType = 'car'", false),
            row("missing IS NULL", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmsMessage")
    void mapsJmsHeaderFieldsAndProperties(String selector, boolean matches) throws SelectorSyntaxException {
        assertThat(Selector.parse(selector).matches(new AmqpSelectorContext(JMS_MESSAGE, false))).isEqualTo(matches);
    }

    @Test
    void plainAmqpMessageGetsJmsDefaults() throws SelectorSyntaxException {
        AmqpSelectorContext ctx = new AmqpSelectorContext(BasicProperties.EMPTY, false);
        assertThat(ctx.value(JmsHeaders.JMS_PRIORITY)).isEqualTo(4);
        assertThat(ctx.value(JmsHeaders.JMS_DELIVERY_MODE)).isEqualTo("NON_PERSISTENT");
        assertThat(ctx.value(JmsHeaders.JMS_TIMESTAMP)).isNull();
        assertThat(ctx.value(JmsHeaders.JMS_MESSAGE_ID)).isNull();
        assertThat(ctx.value(JmsHeaders.JMSX_DELIVERY_COUNT)).isEqualTo(1);
        assertThat(ctx.value("anything")).isNull();
        assertThat(Selector.parse("JMSMessageID IS NULL AND JMSType IS NULL AND JMSCorrelationID IS NULL")
            .matches(ctx)).isTrue();
        assertThat(new AmqpSelectorContext(null, false).value(JmsHeaders.JMS_PRIORITY)).isEqualTo(4);
    }

    @Test
    void deliveryModeOtherThanTwoIsNonPersistent() {
        for (int mode : new int[] {0, 1, 3}) {
            BasicProperties properties = BasicProperties.builder().deliveryMode(mode).build();
            assertThat(AmqpSelectorContext.jmsDeliveryMode(properties)).isEqualTo(JmsHeaders.NON_PERSISTENT);
        }
    }

    @Test
    void timestampFallsBackToAmqpSeconds() {
        BasicProperties seconds = BasicProperties.builder().timestamp(1_700_000_000L).build();
        assertThat(AmqpSelectorContext.jmsTimestamp(seconds)).isEqualTo(1_700_000_000_000L);
        BasicProperties notANumber = seconds.toBuilder().headers(Map.of(JmsHeaders.X_JMS_TIMESTAMP, "soon")).build();
        assertThat(AmqpSelectorContext.jmsTimestamp(notANumber)).isEqualTo(1_700_000_000_000L);
        BasicProperties intMillis = BasicProperties.builder().headers(Map.of(JmsHeaders.X_JMS_TIMESTAMP, 5)).build();
        assertThat(AmqpSelectorContext.jmsTimestamp(intMillis)).isEqualTo(5L);
    }

    @Test
    void deliveryCountFromHeaderThenBrokerThenRedeliveredFlag() throws SelectorSyntaxException {
        BasicProperties counted = BasicProperties.builder().headers(Map.of(JmsHeaders.X_DELIVERY_COUNT, 5L)).build();
        assertThat(new AmqpSelectorContext(counted, false, 9).value(JmsHeaders.JMSX_DELIVERY_COUNT)).isEqualTo(5);
        assertThat(new AmqpSelectorContext(BasicProperties.EMPTY, false, 9).value(JmsHeaders.JMSX_DELIVERY_COUNT))
            .isEqualTo(9);
        assertThat(new AmqpSelectorContext(BasicProperties.EMPTY, true).value(JmsHeaders.JMSX_DELIVERY_COUNT))
            .isEqualTo(2);
        BasicProperties one = BasicProperties.builder().headers(Map.of(JmsHeaders.X_DELIVERY_COUNT, 1)).build();
        assertThat(new AmqpSelectorContext(one, true).value(JmsHeaders.JMSX_DELIVERY_COUNT))
            .as("a redelivered message counts at least 2 (section 3.5.11)").isEqualTo(2);
        assertThat(Selector.parse("JMSXDeliveryCount > 1").matches(new AmqpSelectorContext(BasicProperties.EMPTY,
            true))).isTrue();
        assertThat(Selector.parse("JMSXDeliveryCount > 1").matches(new AmqpSelectorContext(BasicProperties.EMPTY,
            false))).isFalse();
    }

    private static Arguments row(String selector, boolean matches) {
        return Arguments.of(selector, matches);
    }
}
