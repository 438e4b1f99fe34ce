package org.fieldpost.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** getBody and isBodyAssignableTo (spec 3.11.7 and the Message Javadoc) for text, object and plain messages. */
class MessageBodyTest {

    @Test
    void aPlainMessageHasNoBody() throws JMSException {
        FieldpostMessage message = new FieldpostMessage();

        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
        message.setReadOnly();
        message.clearBody();
    }

    @Test
    void textBodyIsAString() throws JMSException {
        FieldpostTextMessage message = new FieldpostTextMessage();
        assertThat(message.getBody(Integer.class)).as("no body").isNull();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
        message.setText("hi");

        assertThat(message.getBody(String.class)).isEqualTo("hi");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hi");
        assertThat(message.getBody(Object.class)).isEqualTo("hi");
        assertThat(message.isBodyAssignableTo(String.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(byte[].class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void anEmptyTextIsABody() throws JMSException {
        FieldpostTextMessage message = new FieldpostTextMessage("");

        assertThat(message.getBody(String.class)).isEmpty();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
    }

    @Test
    void aReceivedTextIsReadOnlyUntilCleared() throws JMSException {
        FieldpostTextMessage message = new FieldpostTextMessage("a");
        message.setReadOnly();

        assertThatThrownBy(() -> message.setText("b")).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        assertThat(message.getText()).isNull();
        message.setText("b");
        assertThat(message.getText()).isEqualTo("b");
    }

    @Test
    void objectBodyIsTheObjectsRuntimeClass() throws JMSException {
        FieldpostObjectMessage message = new FieldpostObjectMessage();
        assertThat(message.getBody(Integer.class)).isNull();
        assertThat(message.isBodyAssignableTo(Integer.class)).isTrue();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        message.setObject(list);

        assertThat((Object) message.getBody(ArrayList.class)).isEqualTo(list).isNotSameAs(list);
        assertThat((Object) message.getBody(List.class)).isEqualTo(list);
        assertThat(message.getBody(Serializable.class)).isEqualTo(list);
        assertThat(message.isBodyAssignableTo(List.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void setObjectSerializesAtOnce() throws JMSException {
        FieldpostObjectMessage message = new FieldpostObjectMessage();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        message.setObject(list);
        list.add("b");

        assertThat(message.getObject()).isEqualTo(List.of("a"));
        message.setObject(null);
        assertThat(message.getObject()).isNull();
    }

    @Test
    void anUnserializableObjectIsAFormatError() {
        FieldpostObjectMessage message = new FieldpostObjectMessage();
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());

        assertThatThrownBy(() -> message.setObject(list)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aReceivedObjectIsReadOnlyUntilCleared() throws JMSException {
        FieldpostObjectMessage message = new FieldpostObjectMessage();
        message.setObject("x");
        message.setReadOnly();

        assertThatThrownBy(() -> message.setObject("y")).isInstanceOf(MessageNotWriteableException.class);
        message.clearBody();
        assertThat(message.getObject()).isNull();
        message.setObject("y");
    }
}
