package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.fieldpost.jms.message.ConversionTable.ReadAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Message properties: spec 3.5 (names, types, conversions 3.5.4, JMSX 3.5.9, read-only 3.10). */
class MessagePropertiesTest {

    static List<Arguments> propertyConversions() {
        return ConversionTable.cells(false);
    }

    @ParameterizedTest(name = "{0} read as {1}")
    @MethodSource("propertyConversions")
    void everyCellOfThePropertyConversionTable(Object written, ReadAs readAs, Object expected) throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setObjectProperty("p", written);

        if (expected == ConversionTable.FORMAT_ERROR) {
            assertThatThrownBy(() -> read(message, "p", readAs)).isInstanceOf(MessageFormatException.class);
        } else {
            assertThat(read(message, "p", readAs)).isEqualTo(expected);
        }
    }

    @Test
    void aStringThatIsNotANumberThrowsNumberFormatException() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setStringProperty("p", "twelve");

        for (ReadAs readAs : List.of(ReadAs.BYTE, ReadAs.SHORT, ReadAs.INT, ReadAs.LONG, ReadAs.FLOAT, ReadAs.DOUBLE)) {
            assertThatThrownBy(() -> read(message, "p", readAs)).as(readAs.name())
                .isInstanceOf(NumberFormatException.class);
        }
        assertThat(message.getBooleanProperty("p")).isFalse();
    }

    @Test
    void anUnsetPropertyReadsAsValueOfNull() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();

        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThat(message.propertyExists("missing")).isFalse();
        for (ReadAs readAs : List.of(ReadAs.BYTE, ReadAs.SHORT, ReadAs.INT, ReadAs.LONG)) {
            assertThatThrownBy(() -> read(message, "missing", readAs)).isInstanceOf(NumberFormatException.class);
        }
        assertThatThrownBy(() -> message.getFloatProperty("missing")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setObjectPropertyTakesTheEightTypesOnly() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        for (Object value : List.of(true, (byte) 1, (short) 2, 3, 4L, 5f, 6d, "s")) {
            message.setObjectProperty("p", value);
            assertThat(message.getObjectProperty("p")).isEqualTo(value);
        }
        for (Object value : new Object[] {'c', new byte[1], new Object(), List.of(), null}) {
            assertThatThrownBy(() -> message.setObjectProperty("p", value)).as(String.valueOf(value))
                .isInstanceOf(MessageFormatException.class);
        }
    }

    @Test
    void aNullStringPropertyExistsAndReadsAsNull() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setStringProperty("p", null);

        assertThat(message.propertyExists("p")).isTrue();
        assertThat(message.getStringProperty("p")).isNull();
        assertThat(message.getBooleanProperty("p")).isFalse();
    }

    static Stream<String> invalidNames() {
        return Stream.of("", "1abc", "a-b", "a b", "x.y", "NULL", "true", "False", "NOT", "and", "OR", "BETWEEN",
            "like", "IN", "is", "Escape");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void aPropertyNameMustBeASelectorIdentifier(String name) {
        FieldpostMessage message = new FieldpostMessage();

        assertThatThrownBy(() -> message.setIntProperty(name, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObjectProperty(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullNameIsRefused() {
        FieldpostMessage message = new FieldpostMessage();

        assertThatThrownBy(() -> message.setStringProperty(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObjectProperty(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_a", "$a", "a1", "Änderung", "nullable", "JMS_vendor", "JMSXGroupID", "isIn"})
    void validNamesAreAccepted(String name) throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setStringProperty(name, "v");

        assertThat(message.getStringProperty(name)).isEqualTo("v");
        assertThat(Collections.list(message.getPropertyNames())).containsExactly(name);
    }

    @Test
    void jmsxGroupPropertiesAreTyped() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setStringProperty("JMSXGroupID", "g");
        message.setIntProperty("JMSXGroupSeq", 3);

        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("g");
        assertThat(message.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
        assertThatThrownBy(() -> message.setLongProperty("JMSXGroupSeq", 3L))
            .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setIntProperty("JMSXGroupID", 1)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void jmsxDeliveryCountIsSetByTheProviderAndListed() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        assertThatThrownBy(() -> message.setIntProperty("JMSXDeliveryCount", 1))
            .isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.propertyExists("JMSXDeliveryCount")).isFalse();

        message.setDeliveryCount(2);
        message.setReadOnly();

        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(message.getObjectProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("JMSXDeliveryCount");
        message.clearProperties();
        assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilCleared() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setStringProperty("a", "1");
        message.setReadOnly();

        assertThatThrownBy(() -> message.setStringProperty("b", "2")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.getStringProperty("a")).isEqualTo("1");

        message.clearProperties();

        assertThat(message.propertyExists("a")).isFalse();
        message.setStringProperty("b", "2");
        assertThat(message.getStringProperty("b")).isEqualTo("2");
    }

    @Test
    void headersStaySettableOnAReceivedMessage() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.setReadOnly();

        message.setJMSType("t");
        message.setJMSPriority(7);

        assertThat(message.getJMSType()).isEqualTo("t");
        assertThat(message.getJMSPriority()).isEqualTo(7);
    }

    @Test
    void newMessagesHaveTheDefaultHeaders() {
        FieldpostMessage message = new FieldpostMessage();

        assertThat(message.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(Message.DEFAULT_DELIVERY_MODE);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSExpiration()).isZero();
        assertThat(message.getJMSRedelivered()).isFalse();
    }

    @Test
    void aBytesCorrelationIdRoundTripsAndAStringOneReadsAsUtf8() {
        FieldpostMessage message = new FieldpostMessage();
        byte[] id = {0, -1, 42, 7};
        message.setJMSCorrelationIDAsBytes(id);

        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly(id);
        assertThat(message.getJMSCorrelationID()).isEqualTo("bytes:AP8qBw==");

        message.setJMSCorrelationID("order-1");
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly("order-1".getBytes());
        message.setJMSCorrelationID("bytes:not base64!");
        assertThat(message.getJMSCorrelationIDAsBytes()).containsExactly("bytes:not base64!".getBytes());
        message.setJMSCorrelationIDAsBytes(null);
        assertThat(message.getJMSCorrelationID()).isNull();
    }

    @Test
    void acknowledgeCallsTheSessionsAcknowledgerIfAny() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();
        message.acknowledge();
        int[] calls = {0};
        message.setAcknowledger(() -> calls[0]++);

        message.acknowledge();

        assertThat(calls[0]).isEqualTo(1);
    }

    static Object read(Message message, String name, ReadAs readAs) throws JMSException {
        return switch (readAs) {
            case BOOLEAN -> message.getBooleanProperty(name);
            case BYTE -> message.getByteProperty(name);
            case SHORT -> message.getShortProperty(name);
            case INT -> message.getIntProperty(name);
            case LONG -> message.getLongProperty(name);
            case FLOAT -> message.getFloatProperty(name);
            case DOUBLE -> message.getDoubleProperty(name);
            case STRING -> message.getStringProperty(name);
            default -> throw new IllegalArgumentException("properties have no " + readAs);
        };
    }
}
