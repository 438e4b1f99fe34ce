package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.LONG;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;
import static org.fieldpost.protocol.method.FieldType.TABLE;

import java.util.Map;

/** The methods of AMQP class {@code queue} (50). */
public final class AmqpQueue {
    public static final int CLASS_ID = 50;

    private AmqpQueue() {
    }

    /**
     * Creates a queue, or checks that it exists when {@code passive}; an empty name asks the
     * server to generate one.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "queue.declare")
    public record Declare(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(BIT) boolean passive,
        @Field(BIT) boolean durable,
        @Field(BIT) boolean exclusive,
        @Field(BIT) boolean autoDelete,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** Confirms a {@link Declare} with the (possibly generated) name and current counts. */
    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "queue.declare-ok")
    public record DeclareOk(
        @Field(SHORTSTR) String queue,
        @Field(LONG) long messageCount,
        @Field(LONG) long consumerCount) implements AmqpMethod {
    }

    /**
     * Binds a queue to an exchange.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "queue.bind")
    public record Bind(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** Confirms a {@link Bind}. */
    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "queue.bind-ok")
    public record BindOk() implements AmqpMethod {
    }

    /**
     * Removes all messages that are not awaiting acknowledgement.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 30, name = "queue.purge")
    public record Purge(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(BIT) boolean nowait) implements AmqpMethod {
    }

    /** Confirms a {@link Purge} with the number of messages removed. */
    @MethodSpec(classId = CLASS_ID, methodId = 31, name = "queue.purge-ok")
    public record PurgeOk(@Field(LONG) long messageCount) implements AmqpMethod {
    }

    /**
     * Deletes a queue.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 40, name = "queue.delete")
    public record Delete(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(BIT) boolean ifUnused,
        @Field(BIT) boolean ifEmpty,
        @Field(BIT) boolean nowait) implements AmqpMethod {
    }

    /** Confirms a {@link Delete} with the number of messages deleted. */
    @MethodSpec(classId = CLASS_ID, methodId = 41, name = "queue.delete-ok")
    public record DeleteOk(@Field(LONG) long messageCount) implements AmqpMethod {
    }

    /**
     * Removes a queue binding. Unlike {@link Bind} it has no {@code nowait} bit.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 50, name = "queue.unbind")
    public record Unbind(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String queue,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String routingKey,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** Confirms an {@link Unbind}. */
    @MethodSpec(classId = CLASS_ID, methodId = 51, name = "queue.unbind-ok")
    public record UnbindOk() implements AmqpMethod {
    }
}
