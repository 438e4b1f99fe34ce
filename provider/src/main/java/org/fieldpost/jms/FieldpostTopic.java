package org.fieldpost.jms;

import jakarta.jms.Topic;

/**
 * A JMS topic: either a routing key on the topic exchange {@code jms.topics} (AMQP wildcards work in
 * subscriptions), or a broadcast topic that is a fanout exchange of its own name
 * ({@link #fanout(String)}). Thread-safe (immutable).
 */
public final class FieldpostTopic extends FieldpostDestination implements Topic {
    private static final long serialVersionUID = 1L;

    private final boolean fanout;

    /**
     * A topic on {@code jms.topics}.
     *
     * @throws IllegalArgumentException if the name is {@code null} or empty
     */
    public FieldpostTopic(String name) {
        this(name, false);
    }

    private FieldpostTopic(String name, boolean fanout) {
        super(name);
        this.fanout = fanout;
    }

    /**
     * A broadcast topic: the fanout exchange {@code name}.
     *
     * @throws IllegalArgumentException if the name is {@code null} or empty
     */
    public static FieldpostTopic fanout(String name) {
        return new FieldpostTopic(name, true);
    }

    @Override
    public String getTopicName() {
        return name();
    }

    /** True for a broadcast topic (its own fanout exchange). */
    public boolean isFanout() {
        return fanout;
    }

    @Override
    public Kind kind() {
        return fanout ? Kind.FANOUT_TOPIC : Kind.TOPIC;
    }

    @Override
    public String exchange() {
        return fanout ? name() : TOPICS_EXCHANGE;
    }

    @Override
    public String routingKey() {
        return fanout ? "" : name();
    }

    @Override
    public String toAddress() {
        return (fanout ? FANOUT_SCHEME : TOPIC_SCHEME) + name();
    }
}
