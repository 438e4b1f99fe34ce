package org.fieldpost.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * A message whose body is a String (or {@code null}: no body). On the wire: UTF-8, content type
 * {@value JmsHeaders#CONTENT_TYPE_TEXT}. Not thread-safe.
 */
public class FieldpostTextMessage extends FieldpostMessage implements TextMessage {
    private String text;

    /** A writable message with no text. */
    public FieldpostTextMessage() {
    }

    /** A writable message with this text. */
    public FieldpostTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String value) throws JMSException {
        checkBodyWritable();
        text = value;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    String bodyType() {
        return JmsHeaders.BODY_TEXT;
    }

    @Override
    boolean hasBody() {
        return text != null;
    }

    @Override
    Object bodyValue() {
        return text;
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    /** Sets the text of a decoded message, which is read-only. */
    final void decodedText(String value) {
        text = value;
    }
}
