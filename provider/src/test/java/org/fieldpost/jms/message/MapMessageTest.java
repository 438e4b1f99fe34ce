package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.fieldpost.jms.message.ConversionTable.ReadAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MapMessage: spec 3.11.3 conversions, names, nulls, read-only, getBody. */
class MapMessageTest {

    static List<Arguments> conversions() {
        return ConversionTable.cells(true);
    }

    @ParameterizedTest(name = "{0} read as {1}")
    @MethodSource("conversions")
    void everyCellOfTheConversionTable(Object written, ReadAs readAs, Object expected) throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();
        message.setObject("v", written);

        if (expected == ConversionTable.FORMAT_ERROR) {
            assertThatThrownBy(() -> read(message, "v", readAs)).isInstanceOf(MessageFormatException.class);
        } else {
            assertThat(read(message, "v", readAs)).isEqualTo(expected);
        }
    }

    @Test
    void aMissingNameReadsAsANullValue() throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();

        assertThat(message.getBoolean("x")).isFalse();
        assertThat(message.getString("x")).isNull();
        assertThat(message.getBytes("x")).isNull();
        assertThat(message.getObject("x")).isNull();
        assertThat(message.itemExists("x")).isFalse();
        assertThatThrownBy(() -> message.getInt("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLong("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDouble("x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getChar("x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullValuesExist() throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();
        message.setString("s", null);
        message.setBytes("b", null);
        message.setObject("o", null);

        assertThat(message.itemExists("s")).isTrue();
        assertThat(Collections.list(message.getMapNames())).containsExactly("s", "b", "o");
        assertThat(message.getObject("o")).isNull();
    }

    @Test
    void namesMustNotBeNullOrEmpty() {
        FieldpostMapMessage message = new FieldpostMapMessage();

        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setString("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObject("", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setObjectRefusesOtherTypes() {
        FieldpostMapMessage message = new FieldpostMapMessage();

        assertThatThrownBy(() -> message.setObject("x", new Object())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObject("x", List.of(1))).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();
        byte[] bytes = {1, 2, 3};
        message.setBytes("b", bytes);
        message.setBytes("part", bytes, 1, 2);
        bytes[0] = 9;

        assertThat(message.getBytes("b")).containsExactly(1, 2, 3);
        message.getBytes("b")[0] = 9;
        assertThat((byte[]) message.getObject("b")).containsExactly(1, 2, 3);
        assertThat(message.getBytes("part")).containsExactly(2, 3);
    }

    @Test
    void aReceivedBodyIsReadOnlyUntilCleared() throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();
        message.setInt("a", 1);
        message.setReadOnly();

        assertThatThrownBy(() -> message.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.getInt("a")).isEqualTo(1);

        message.clearBody();

        assertThat(message.itemExists("a")).isFalse();
        message.setInt("b", 2);
    }

    @Test
    void getBodyIsACopyOfTheMap() throws JMSException {
        FieldpostMapMessage message = new FieldpostMapMessage();
        assertThat((Object) message.getBody(Map.class)).isNull();
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        message.setInt("a", 1);
        message.setChar("c", 'z');

        Map<?, ?> body = message.getBody(Map.class);
        assertThat(body).isEqualTo(Map.of("a", 1, "c", 'z'));
        assertThat(message.getBody(Object.class)).isEqualTo(body);
        assertThat(message.isBodyAssignableTo(Map.class)).isTrue();
        assertThat(message.isBodyAssignableTo(java.util.HashMap.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    static Object read(MapMessage message, String name, ReadAs readAs) throws JMSException {
        return switch (readAs) {
            case BOOLEAN -> message.getBoolean(name);
            case BYTE -> message.getByte(name);
            case SHORT -> message.getShort(name);
            case CHAR -> message.getChar(name);
            case INT -> message.getInt(name);
            case LONG -> message.getLong(name);
            case FLOAT -> message.getFloat(name);
            case DOUBLE -> message.getDouble(name);
            case STRING -> message.getString(name);
            case BYTES -> message.getBytes(name);
        };
    }
}
