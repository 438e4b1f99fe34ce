package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** BytesMessage: DataOutput format, modes, readBytes, EOF, getBody. */
class BytesMessageTest {

    @Test
    void everyPrimitiveRoundTripsInDataOutputFormat() throws JMSException, IOException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeBoolean(true);
        message.writeByte((byte) -2);
        message.writeShort((short) -300);
        message.writeChar('é');
        message.writeInt(70000);
        message.writeLong(-5L);
        message.writeFloat(1.5f);
        message.writeDouble(-2.25);
        message.writeUTF("héllo");
        message.writeBytes(new byte[] {9, 8, 7}, 1, 2);
        message.reset();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeBoolean(true);
        out.writeByte(-2);
        out.writeShort(-300);
        out.writeChar('é');
        out.writeInt(70000);
        out.writeLong(-5L);
        out.writeFloat(1.5f);
        out.writeDouble(-2.25);
        out.writeUTF("héllo");
        out.write(new byte[] {8, 7});
        assertThat(message.getBody(byte[].class)).containsExactly(expected.toByteArray());
        assertThat(message.getBodyLength()).isEqualTo(expected.size());

        assertThat(message.readBoolean()).isTrue();
        assertThat(message.readByte()).isEqualTo((byte) -2);
        assertThat(message.readShort()).isEqualTo((short) -300);
        assertThat(message.readChar()).isEqualTo('é');
        assertThat(message.readInt()).isEqualTo(70000);
        assertThat(message.readLong()).isEqualTo(-5L);
        assertThat(message.readFloat()).isEqualTo(1.5f);
        assertThat(message.readDouble()).isEqualTo(-2.25);
        assertThat(message.readUTF()).isEqualTo("héllo");
        assertThat(message.readUnsignedByte()).isEqualTo(8);
        assertThat(message.readUnsignedByte()).isEqualTo(7);
        assertThat(message.readBytes(new byte[1])).isEqualTo(-1);
    }

    @Test
    void unsignedReads() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeByte((byte) -1);
        message.writeShort((short) -1);
        message.reset();

        assertThat(message.readUnsignedByte()).isEqualTo(255);
        assertThat(message.readUnsignedShort()).isEqualTo(65535);
    }

    @Test
    void aReadPastTheEndThrowsEofAndConsumesNothing() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeShort((short) 5);
        message.reset();

        assertThatThrownBy(message::readInt).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readLong).isInstanceOf(MessageEOFException.class);
        assertThat(message.readShort()).isEqualTo((short) 5);
        assertThatThrownBy(message::readByte).isInstanceOf(MessageEOFException.class);
        assertThatThrownBy(message::readUTF).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void readBytesFillsTheBufferThenReturnsTheRestThenMinusOne() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3, 4, 5});
        message.reset();
        byte[] buffer = new byte[3];

        assertThat(message.readBytes(buffer)).isEqualTo(3);
        assertThat(buffer).containsExactly(1, 2, 3);
        assertThat(message.readBytes(buffer)).isEqualTo(2);
        assertThat(buffer).startsWith(4, 5);
        assertThat(message.readBytes(buffer)).isEqualTo(-1);
    }

    @Test
    void readBytesWithALength() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});
        message.reset();
        byte[] buffer = new byte[3];

        assertThat(message.readBytes(buffer, 2)).isEqualTo(2);
        assertThat(buffer).containsExactly(1, 2, 0);
        assertThatThrownBy(() -> message.readBytes(buffer, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> message.readBytes(buffer, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(message.readBytes(buffer, 3)).isEqualTo(1);
    }

    @Test
    void modesFollowResetAndClearBody() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeInt(1);

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        assertThatThrownBy(message::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        message.reset();
        assertThatThrownBy(() -> message.writeInt(2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(message.readInt()).isEqualTo(1);
        message.reset();
        assertThat(message.readInt()).isEqualTo(1);

        message.clearBody();

        assertThatThrownBy(message::readInt).isInstanceOf(MessageNotReadableException.class);
        message.writeInt(2);
        message.reset();
        assertThat(message.getBodyLength()).isEqualTo(4);
    }

    @Test
    void writeObjectWritesTheWrapperTypes() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        message.writeObject(7);
        message.writeObject("s");
        message.writeObject(new byte[] {1});
        message.writeObject('c');

        assertThatThrownBy(() -> message.writeObject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.writeObject(new Object())).isInstanceOf(MessageFormatException.class);
        message.reset();
        assertThat(message.readInt()).isEqualTo(7);
        assertThat(message.readUTF()).isEqualTo("s");
        assertThat(message.readByte()).isEqualTo((byte) 1);
        assertThat(message.readChar()).isEqualTo('c');
    }

    @Test
    void writeUtfRefusesStringsOver65535Bytes() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();

        assertThatThrownBy(() -> message.writeUTF("x".repeat(70000))).isInstanceOf(MessageFormatException.class);
        message.reset();
        assertThat(message.getBodyLength()).as("nothing written").isZero();
    }

    @Test
    void getBodyIsTheWholeBodyInEitherMode() throws JMSException {
        FieldpostBytesMessage message = new FieldpostBytesMessage();
        assertThat(message.getBody(byte[].class)).as("no body").isNull();
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        message.writeBytes(new byte[] {1, 2});

        assertThat(message.getBody(byte[].class)).containsExactly(1, 2);
        message.reset();
        message.readByte();
        assertThat(message.getBody(Object.class)).isEqualTo(new byte[] {1, 2});
        assertThat(message.readByte()).as("position unchanged").isEqualTo((byte) 2);
        assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }
}
