package org.fieldpost.broker.queue;

/** Why a message left a queue without being consumed, with RabbitMQ's names for {@code x-death}. */
public enum DeadLetterReason {
    REJECTED("rejected"),
    EXPIRED("expired"),
    MAXLEN("maxlen"),
    DELIVERY_LIMIT("delivery_limit");

    private final String text;

    DeadLetterReason(String text) {
        this.text = text;
    }

    /** The reason as written in {@code x-death}. */
    public String text() {
        return text;
    }
}
