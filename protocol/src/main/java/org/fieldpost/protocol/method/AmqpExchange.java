package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;
import static org.fieldpost.protocol.method.FieldType.TABLE;

import java.util.Map;

/**
 * The methods of AMQP class {@code exchange} (40), including RabbitMQ's exchange-to-exchange
 * {@code bind}/{@code unbind} extension.
 */
public final class AmqpExchange {
    public static final int CLASS_ID = 40;

    private AmqpExchange() {
    }

    /**
     * Creates an exchange, or checks that it exists when {@code passive}.
     *
     * <p>The 0-9-1 spec names the third and fourth bits {@code reserved-2} and {@code reserved-3};
     * RabbitMQ un-deprecated them as {@code auto-delete} and {@code internal}, and clients set them,
     * so they carry those names here.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     * @param type the exchange type, e.g. {@code "direct"}, {@code "topic"}
     */
    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "exchange.declare")
    public record Declare(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String exchange,
        @Field(SHORTSTR) String type,
        @Field(BIT) boolean passive,
        @Field(BIT) boolean durable,
        @Field(BIT) boolean autoDelete,
        @Field(BIT) boolean internal,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** Confirms a {@link Declare}. */
    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "exchange.declare-ok")
    public record DeclareOk() implements AmqpMethod {
    }

    /**
     * Deletes an exchange.
     *
     * @param reserved1 the spec's deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "exchange.delete")
    public record Delete(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String exchange,
        @Field(BIT) boolean ifUnused,
        @Field(BIT) boolean nowait) implements AmqpMethod {
    }

    /** Confirms a {@link Delete}. */
    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "exchange.delete-ok")
    public record DeleteOk() implements AmqpMethod {
    }

    /**
     * RabbitMQ extension: binds exchange {@code destination} to exchange {@code source}.
     *
     * @param reserved1 the deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 30, name = "exchange.bind")
    public record Bind(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String destination,
        @Field(SHORTSTR) String source,
        @Field(SHORTSTR) String routingKey,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** RabbitMQ extension: confirms a {@link Bind}. */
    @MethodSpec(classId = CLASS_ID, methodId = 31, name = "exchange.bind-ok")
    public record BindOk() implements AmqpMethod {
    }

    /**
     * RabbitMQ extension: removes an exchange-to-exchange binding.
     *
     * @param reserved1 the deprecated {@code ticket}, 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 40, name = "exchange.unbind")
    public record Unbind(
        @Field(SHORT) int reserved1,
        @Field(SHORTSTR) String destination,
        @Field(SHORTSTR) String source,
        @Field(SHORTSTR) String routingKey,
        @Field(BIT) boolean nowait,
        @Field(TABLE) Map<String, Object> arguments) implements AmqpMethod {
    }

    /** RabbitMQ extension: confirms an {@link Unbind} (method id 51, as RabbitMQ defines it). */
    @MethodSpec(classId = CLASS_ID, methodId = 51, name = "exchange.unbind-ok")
    public record UnbindOk() implements AmqpMethod {
    }
}
