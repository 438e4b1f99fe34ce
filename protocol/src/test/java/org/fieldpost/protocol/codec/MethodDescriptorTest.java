package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.hexOf;
import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.LONG;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.Field;
import org.fieldpost.protocol.method.MethodSpec;
import org.junit.jupiter.api.Test;

/** The codec built from a record's annotations, exercised with records that the spec lacks. */
class MethodDescriptorTest {

    @MethodSpec(classId = 200, methodId = 1, name = "test.nine-bits")
    public record NineBits(
        @Field(BIT) boolean b0, @Field(BIT) boolean b1, @Field(BIT) boolean b2, @Field(BIT) boolean b3,
        @Field(BIT) boolean b4, @Field(BIT) boolean b5, @Field(BIT) boolean b6, @Field(BIT) boolean b7,
        @Field(BIT) boolean b8, @Field(SHORTSTR) String after) implements AmqpMethod {
    }

    @MethodSpec(classId = 200, methodId = 2, name = "test.validating")
    public record Validating(@Field(SHORT) int positive) implements AmqpMethod {
        public Validating {
            if (positive == 0) {
                throw new IllegalArgumentException("must be positive");
            }
        }
    }

    @MethodSpec(classId = 200, methodId = 3, name = "test.no-field")
    public record MissingField(int value) implements AmqpMethod {
    }

    @MethodSpec(classId = 200, methodId = 4, name = "test.wrong-type")
    public record WrongType(@Field(LONG) int value) implements AmqpMethod {
    }

    @MethodSpec(classId = 200, methodId = 5, name = "test.reserved-name")
    public record ReservedName(@Field(SHORT) int classId) implements AmqpMethod {
    }

    public record NoSpec(@Field(SHORT) int value) implements AmqpMethod {
    }

    @MethodSpec(classId = 70_000, methodId = 1, name = "test.bad-id")
    public record BadId() implements AmqpMethod {
    }

    @Test
    void aNinthBitStartsANewOctetAndTheNextFieldFlushes() throws ProtocolException {
        MethodDescriptor descriptor = MethodDescriptor.of(NineBits.class);
        NineBits method = new NineBits(true, false, false, false, false, false, false, true, true, "s");
        ByteBuf out = Unpooled.buffer();

        descriptor.encodeArguments(method, out);

        assertThat(hexOf(out)).isEqualTo("81" + "01" + "01" + ascii("s"));
        assertThat(descriptor.decodeArguments(out)).isEqualTo(method);
    }

    @Test
    void unusedHighBitsOfABitOctetAreIgnored() throws ProtocolException {
        MethodDescriptor descriptor = MethodDescriptor.of(NineBits.class);

        AmqpMethod decoded = descriptor.decodeArguments(Bytes.buffer("00 fe 00"));

        assertThat(decoded).isEqualTo(new NineBits(false, false, false, false, false, false, false, false, false, ""));
    }

    @Test
    void aCompactConstructorRejectingWireValuesBecomesASyntaxError() {
        MethodDescriptor descriptor = MethodDescriptor.of(Validating.class);

        assertThatThrownBy(() -> descriptor.decodeArguments(Bytes.buffer("0000")))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
                assertThat(e.error().text()).contains("must be positive");
                assertThat(e.error().classId()).isEqualTo(200);
            });
    }

    @Test
    void rejectsMalformedDescriptions() {
        assertThatThrownBy(() -> MethodDescriptor.of(MissingField.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no @Field");
        assertThatThrownBy(() -> MethodDescriptor.of(WrongType.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LONG needs long");
        assertThatThrownBy(() -> MethodDescriptor.of(ReservedName.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("override AmqpMethod.classId()");
        assertThatThrownBy(() -> MethodDescriptor.of(NoSpec.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@MethodSpec");
        assertThatThrownBy(() -> MethodDescriptor.of(BadId.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }
}
