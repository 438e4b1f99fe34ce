package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;
import java.util.List;
import org.fieldpost.jms.message.ConversionTable.ReadAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** StreamMessage: spec 3.11.3 conversions, position on failure, readBytes chunks, modes, EOF. */
class StreamMessageTest {

    static List<Arguments> conversions() {
        return ConversionTable.cells(true);
    }

    @ParameterizedTest(name = "{0} read as {1}")
    @MethodSource("conversions")
    void everyCellOfTheConversionTable(Object written, ReadAs readAs, Object expected) throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeObject(written);
        message.reset();

        if (expected == ConversionTable.FORMAT_ERROR) {
            assertThatThrownBy(() -> read(message, readAs)).isInstanceOf(MessageFormatException.class);
            assertThat(message.readObject()).as("position unchanged").isEqualTo(written);
        } else {
            assertThat(read(message, readAs)).isEqualTo(expected);
            assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
        }
    }

    @Test
    void aStringThatIsNotANumberLeavesThePositionUnchanged() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeString("abc");
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(message::readDouble).isInstanceOf(NumberFormatException.class);
        assertThat(message.readString()).isEqualTo("abc");
    }

    @Test
    void nullFieldsReadAsValueOfNull() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeObject(null);
        message.writeString(null);
        message.writeObject(null);
        message.writeBytes(null);
        message.writeObject(null);
        message.reset();

        assertThat(message.readBoolean()).isFalse();
        assertThat(message.readString()).isNull();
        assertThatThrownBy(message::readInt).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(message::readChar).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(message::readFloat).isInstanceOf(NullPointerException.class);
        assertThat(message.readObject()).isNull();
        assertThat(message.readBytes(new byte[4])).isEqualTo(-1);
        assertThat(message.readObject()).isNull();
        assertThatThrownBy(message::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesReadsAFieldInChunks() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.writeInt(9);
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2);
        assertThatThrownBy(message::readInt).as("a field in progress").isInstanceOf(MessageFormatException.class);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).containsExactly(3, 4);
        assertThat(message.readBytes(buffer)).isEqualTo(1);
        assertThat(buffer[0]).isEqualTo((byte) 5);
        assertThat(message.readInt()).as("a short read finished the field").isEqualTo(9);
    }

    @Test
    void aFieldThatExactlyFillsTheBufferEndsWithMinusOne() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeBytes(new byte[] {1, 2});
        message.writeBytes(new byte[0]);
        message.writeBoolean(true);
        message.reset();
        byte[] buffer = new byte[2];

        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
        assertThat(message.readBytes(buffer)).as("an empty field").isZero();
        assertThat(message.readBoolean()).isTrue();
        assertThatThrownBy(() -> message.readBytes(buffer)).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesOnAnotherTypeKeepsThePosition() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeLong(5L);
        message.reset();

        assertThatThrownBy(() -> message.readBytes(new byte[1])).isInstanceOf(MessageFormatException.class);
        assertThat(message.readLong()).isEqualTo(5L);
    }

    @Test
    void writeBytesCopiesAndTakesARange() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        byte[] bytes = {1, 2, 3};
        message.writeBytes(bytes);
        message.writeBytes(bytes, 1, 1);
        bytes[0] = 7;
        message.reset();

        assertThat((byte[]) message.readObject()).containsExactly(1, 2, 3);
        assertThat((byte[]) message.readObject()).containsExactly(2);
    }

    @Test
    void modesFollowResetAndClearBody() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();
        message.writeInt(1);
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);

        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.readInt()).isEqualTo(1);
        message.reset();
        assertThat(message.readInt()).as("reset rewinds").isEqualTo(1);

        message.clearBody();
        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.writeInt(3);
        message.reset();
        assertThat(message.readInt()).isEqualTo(3);
    }

    @Test
    void writeObjectRefusesOtherTypes() {
        FieldpostStreamMessage message = new FieldpostStreamMessage();

        assertThatThrownBy(() -> message.writeObject(new StringBuilder())).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void getBodyIsNotSupported() throws JMSException {
        FieldpostStreamMessage message = new FieldpostStreamMessage();

        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    static Object read(StreamMessage message, ReadAs readAs) throws JMSException {
        return switch (readAs) {
            case BOOLEAN -> message.readBoolean();
            case BYTE -> message.readByte();
            case SHORT -> message.readShort();
            case CHAR -> message.readChar();
            case INT -> message.readInt();
            case LONG -> message.readLong();
            case FLOAT -> message.readFloat();
            case DOUBLE -> message.readDouble();
            case STRING -> message.readString();
            case BYTES -> readAllBytes(message);
        };
    }

    private static byte[] readAllBytes(StreamMessage message) throws JMSException {
        byte[] buffer = new byte[64];
        int count = message.readBytes(buffer);
        return java.util.Arrays.copyOf(buffer, count);
    }
}
