package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;
import org.junit.jupiter.api.Test;

/**
 * The hand-written codecs of basic.publish, basic.deliver and basic.ack against the generic codec
 * they stand in for: the same octets for the same method, the same method for the same octets, and
 * the same error for every truncation, malformed string and value out of range.
 */
class MessageFlowCodecsTest {

    private static final String LONGEST = "k".repeat(255);
    private static final String[] STRINGS = {"", null, "amq.topic", "orders.eu.42", "é€𝄞 queue", LONGEST};
    private static final long[] TAGS = {0, 1, 42, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, -1};

    private static List<AmqpMethod> samples() {
        Random random = new Random(6);
        List<AmqpMethod> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String a = STRINGS[random.nextInt(STRINGS.length)];
            String b = STRINGS[random.nextInt(STRINGS.length)];
            String c = STRINGS[random.nextInt(STRINGS.length)];
            long tag = random.nextBoolean() ? TAGS[random.nextInt(TAGS.length)] : random.nextLong();
            boolean x = random.nextBoolean();
            boolean y = random.nextBoolean();
            samples.add(new AmqpBasic.Publish(random.nextInt(0x10000), a, b, x, y));
            samples.add(new AmqpBasic.Deliver(a, tag, x, b, c));
            samples.add(new AmqpBasic.Ack(tag, y));
        }
        return samples;
    }

    private static MethodDescriptor descriptor(AmqpMethod method) {
        return MethodRegistry.descriptor(method.getClass());
    }

    private static byte[] direct(AmqpMethod method) {
        ByteBuf out = Unpooled.buffer();
        descriptor(method).encodeArguments(method, out);
        return ByteBufUtil.getBytes(out);
    }

    private static byte[] generic(AmqpMethod method) {
        ByteBuf out = Unpooled.buffer();
        descriptor(method).encodeGeneric(method, out);
        return ByteBufUtil.getBytes(out);
    }

    @Test
    void theThreeMethodsHaveHandWrittenCodecsAndNoOtherDoes() {
        for (Class<? extends AmqpMethod> type : MethodRegistry.methodTypes()) {
            boolean expected = type == AmqpBasic.Publish.class || type == AmqpBasic.Deliver.class
                || type == AmqpBasic.Ack.class;
            assertThat(MessageFlowCodecs.of(type) != null).as(type.getName()).isEqualTo(expected);
        }
    }

    @Test
    void encodingGivesTheGenericCodecsOctetsAndDecodingItsMethods() throws Exception {
        for (AmqpMethod method : samples()) {
            byte[] octets = generic(method);
            assertThat(direct(method)).as("%s", method).isEqualTo(octets);

            MethodDescriptor d = descriptor(method);
            ByteBuf in = Unpooled.wrappedBuffer(octets);
            AmqpMethod decoded = d.decodeArguments(in);
            assertThat(in.isReadable()).isFalse();
            assertThat(decoded).isEqualTo(d.decodeGeneric(Unpooled.wrappedBuffer(octets)));
            assertThat(direct(decoded)).as("a null string is sent empty").isEqualTo(octets);
        }
    }

    @Test
    void everyTruncationFailsAsTheGenericCodecFails() {
        for (AmqpMethod method : samples().subList(0, 30)) {
            byte[] octets = generic(method);
            MethodDescriptor d = descriptor(method);
            for (int length = 0; length < octets.length; length++) {
                ByteBuf cut = Unpooled.wrappedBuffer(octets, 0, length);
                Throwable expected = catchThrowable(() -> d.decodeGeneric(cut.duplicate()));
                Throwable actual = catchThrowable(() -> d.decodeArguments(cut.duplicate()));
                assertThat(expected).isInstanceOf(ProtocolException.class);
                assertThat(actual).as("%s cut to %d octets", method, length)
                    .isInstanceOf(ProtocolException.class);
                assertThat(((ProtocolException) actual).error()).isEqualTo(((ProtocolException) expected).error());
            }
        }
    }

    @Test
    void malformedUtf8InAStringFailsAsTheGenericCodecFails() {
        for (AmqpMethod method : List.of(new AmqpBasic.Publish(0, "ab", "cd", false, false),
            new AmqpBasic.Deliver("ab", 7, false, "cd", "ef"))) {
            byte[] octets = generic(method);
            int second = method instanceof AmqpBasic.Publish ? 3 : 1; // the first octet of a string
            octets[second] = (byte) 0xC3;
            octets[second + 1] = (byte) 0x28; // not a continuation octet
            MethodDescriptor d = descriptor(method);
            Throwable expected = catchThrowable(() -> d.decodeGeneric(Unpooled.wrappedBuffer(octets)));
            Throwable actual = catchThrowable(() -> d.decodeArguments(Unpooled.wrappedBuffer(octets)));
            assertThat(((ProtocolException) actual).error()).isEqualTo(((ProtocolException) expected).error());
            assertThat(((ProtocolException) actual).error().text()).contains("UTF-8");
        }
    }

    @Test
    void valuesThatDoNotFitFailAsTheGenericCodecFails() {
        for (AmqpMethod method : List.of(new AmqpBasic.Publish(0x10000, "", "", false, false),
            new AmqpBasic.Publish(-1, "", "", false, false),
            new AmqpBasic.Publish(0, LONGEST + "x", "", false, false),
            new AmqpBasic.Publish(0, "", "é".repeat(128), false, false),
            new AmqpBasic.Deliver(LONGEST + "x", 1, false, "", ""),
            new AmqpBasic.Deliver("", 1, false, "", LONGEST + "y"))) {
            MethodDescriptor d = descriptor(method);
            Throwable expected = catchThrowable(() -> d.encodeGeneric(method, Unpooled.buffer()));
            Throwable actual = catchThrowable(() -> d.encodeArguments(method, Unpooled.buffer()));
            assertThat(expected).isInstanceOf(IllegalArgumentException.class);
            assertThat(actual).as("%s", method).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected.getMessage());
        }
    }
}
