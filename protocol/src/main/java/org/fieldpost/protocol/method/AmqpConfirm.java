package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;

/** The methods of class {@code confirm} (85), RabbitMQ's publisher-confirm extension. */
public final class AmqpConfirm {
    public static final int CLASS_ID = 85;

    private AmqpConfirm() {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "confirm.select")
    public record Select(@Field(BIT) boolean nowait) implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "confirm.select-ok")
    public record SelectOk() implements AmqpMethod {
    }
}
