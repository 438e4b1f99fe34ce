package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.LONGSTR;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;

/** The methods of AMQP class {@code channel} (20): opening, flow control and closing of a channel. */
public final class AmqpChannel {
    public static final int CLASS_ID = 20;

    private AmqpChannel() {
    }

    /**
     * Client opens a channel.
     *
     * @param reserved1 the spec's deprecated {@code out-of-band}, empty
     */
    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "channel.open")
    public record Open(@Field(SHORTSTR) String reserved1) implements AmqpMethod {
    }

    /**
     * Server confirms the channel is open.
     *
     * @param reserved1 the spec's deprecated {@code channel-id} (longstr), empty
     */
    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "channel.open-ok")
    public record OpenOk(@Field(LONGSTR) byte[] reserved1) implements AmqpMethod {
    }

    /** Asks the peer to pause ({@code active=false}) or resume sending content. */
    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "channel.flow")
    public record Flow(@Field(BIT) boolean active) implements AmqpMethod {
    }

    /** Confirms a {@link Flow}, echoing the state now in effect. */
    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "channel.flow-ok")
    public record FlowOk(@Field(BIT) boolean active) implements AmqpMethod {
    }

    /**
     * Either peer closes the channel.
     *
     * @param failingClassId the spec's {@code class-id}: class of the method that caused the close, or 0
     * @param failingMethodId the spec's {@code method-id}: that method's id, or 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 40, name = "channel.close")
    public record Close(
        @Field(SHORT) int replyCode,
        @Field(SHORTSTR) String replyText,
        @Field(SHORT) int failingClassId,
        @Field(SHORT) int failingMethodId) implements AmqpMethod {
    }

    /** Confirms a {@link Close}; the channel number may then be reused. */
    @MethodSpec(classId = CLASS_ID, methodId = 41, name = "channel.close-ok")
    public record CloseOk() implements AmqpMethod {
    }
}
