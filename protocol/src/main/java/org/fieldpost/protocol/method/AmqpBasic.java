package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.LONG;
import static org.fieldpost.protocol.method.FieldType.LONGLONG;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;
import static org.fieldpost.protocol.method.FieldType.TABLE;

import java.util.Map;

/**
 * The methods of AMQP class {@code basic} (60): publishing, consuming, getting and acknowledging
 * messages, including RabbitMQ's {@code basic.nack} and Fieldpost's {@code basic.credit}.
 * {@link Publish}, {@link Return}, {@link Deliver} and {@link GetOk} carry content (a header frame
 * and body frames follow them).
 */
public final class AmqpBasic {
    public static final int CLASS_ID = 60;

    private AmqpBasic() {
    }

    /**
     * Sets the prefetch window of the channel ({@code global=false}: RabbitMQ applies it per consumer).
     *
     * @param prefetchSize octets of unacknowledged content, 0 for no limit
     * @param prefetchCount unacknowledged messages, 0 for no limit
     */
    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "basic.qos")
    public record Qos(
        @Field(LONG) long prefetchSize,
        @Field(SHORT) int prefetchCount,
        @Field(BIT) boolean global) implements AmqpMethod {
    }

    /** Confirms a {@link Qos}. */
    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "basic.qos-ok")
    public record QosOk() implements AmqpMethod {
    }

    /**
     * Starts a consumer on a queue; an empty tag asks the server to generate one.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "basic.consume")
    public record Consume(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(SHORTSTR) String consumerTag,
        @Field(BIT) boolean noLocal,
        @Field(BIT) boolean noAck,
        @Field(BIT) boolean exclusive,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** Confirms a {@link Consume} with the consumer's tag. */
    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "basic.consume-ok")
    public record ConsumeOk(@Field(SHORTSTR) String consumerTag) implements AmqpMethod {
    }

    /** Ends a consumer (sent by the client, or by a RabbitMQ-style server when the queue goes away). */
    @MethodSpec(classId = CLASS_ID, methodId = 30, name = "basic.cancel")
    public record Cancel(
        @Field(SHORTSTR) String consumerTag,
        @Field(BIT) boolean nowait) implements AmqpMethod {
    }

    /** Confirms a {@link Cancel}. */
    @MethodSpec(classId = CLASS_ID, methodId = 31, name = "basic.cancel-ok")
    public record CancelOk(@Field(SHORTSTR) String consumerTag) implements AmqpMethod {
    }

    /**
     * Publishes a message; content follows.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 40, name = "basic.publish", hasContent = true)
    public record Publish(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey,
        @Field(BIT) boolean mandatory,
        @Field(BIT) boolean immediate) implements AmqpMethod {
    }

    /** Returns an unroutable mandatory message to its publisher; content follows. */
    @MethodSpec(classId = CLASS_ID, methodId = 50, name = "basic.return", hasContent = true)
    public record Return(
        @Field(SHORT) int replyCode,
        @Field(SHORTSTR) String replyText,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey) implements AmqpMethod {
    }

    /** Delivers a message to a consumer; content follows. */
    @MethodSpec(classId = CLASS_ID, methodId = 60, name = "basic.deliver", hasContent = true)
    public record Deliver(
        @Field(SHORTSTR) String consumerTag,
        @Field(LONGLONG) long deliveryTag,
        @Field(BIT) boolean redelivered,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey) implements AmqpMethod {
    }

    /**
     * Fetches one message synchronously.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 70, name = "basic.get")
    public record Get(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(BIT) boolean noAck) implements AmqpMethod {
    }

    /** Answers a {@link Get} with a message; content follows. */
    @MethodSpec(classId = CLASS_ID, methodId = 71, name = "basic.get-ok", hasContent = true)
    public record GetOk(
        @Field(LONGLONG) long deliveryTag,
        @Field(BIT) boolean redelivered,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey,
        @Field(LONG) long messageCount) implements AmqpMethod {
    }

    /**
     * Answers a {@link Get} when the queue is empty.
     *
     * @param reserved1 the spec's deprecated {@code cluster-id}, empty
     */
    @MethodSpec(classId = CLASS_ID, methodId = 72, name = "basic.get-empty")
    public record GetEmpty(@Field(SHORTSTR) String reserved1) implements AmqpMethod {
    }

    /** Acknowledges one delivery, or all up to {@code deliveryTag} when {@code multiple}. */
    @MethodSpec(classId = CLASS_ID, methodId = 80, name = "basic.ack")
    public record Ack(
        @Field(LONGLONG) long deliveryTag,
        @Field(BIT) boolean multiple) implements AmqpMethod {
    }

    /** Rejects one delivery, requeueing it or not. */
    @MethodSpec(classId = CLASS_ID, methodId = 90, name = "basic.reject")
    public record Reject(
        @Field(LONGLONG) long deliveryTag,
        @Field(BIT) boolean requeue) implements AmqpMethod {
    }

    /** Redelivers unacknowledged messages without a reply (deprecated by the spec). */
    @MethodSpec(classId = CLASS_ID, methodId = 100, name = "basic.recover-async")
    public record RecoverAsync(@Field(BIT) boolean requeue) implements AmqpMethod {
    }

    /** Redelivers all unacknowledged messages on the channel. */
    @MethodSpec(classId = CLASS_ID, methodId = 110, name = "basic.recover")
    public record Recover(@Field(BIT) boolean requeue) implements AmqpMethod {
    }

    /** Confirms a {@link Recover}. */
    @MethodSpec(classId = CLASS_ID, methodId = 111, name = "basic.recover-ok")
    public record RecoverOk() implements AmqpMethod {
    }

    /** RabbitMQ extension: rejects one or ({@code multiple}) several deliveries. */
    @MethodSpec(classId = CLASS_ID, methodId = 120, name = "basic.nack")
    public record Nack(
        @Field(LONGLONG) long deliveryTag,
        @Field(BIT) boolean multiple,
        @Field(BIT) boolean requeue) implements AmqpMethod {
    }

    /**
     * Fieldpost extension (docs/protocol.md, "Browsing"): lets the browser {@code consumerTag},
     * started with {@code x-browse-credit}, receive {@code credit} more copies. No reply; a tag that
     * names no such browser (its browse may just have ended) is ignored. The id is the one RabbitMQ
     * gives its internal {@code basic.credit}, which no client sends over AMQP 0-9-1.
     *
     * @param credit copies added to the browser's window, 0..4294967295
     */
    @MethodSpec(classId = CLASS_ID, methodId = 200, name = "basic.credit")
    public record Credit(
        @Field(SHORTSTR) String consumerTag,
        @Field(LONG) long credit) implements AmqpMethod {
    }
}
