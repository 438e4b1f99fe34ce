package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.buffer;
import static org.fieldpost.protocol.codec.Bytes.hexOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpChannel;
import org.fieldpost.protocol.method.AmqpConnection;
import org.fieldpost.protocol.method.AmqpExchange;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.fieldpost.protocol.method.AmqpTx;
import org.junit.jupiter.api.Test;

class MethodCodecTest {

    @Test
    void everyRegisteredMethodRoundTripsWithNonDefaultValues() throws ProtocolException {
        for (Class<? extends AmqpMethod> type : MethodRegistry.methodTypes()) {
            // All bits set, all bits clear, alternating, and the other alternation.
            for (long bits : new long[] {-1L, 0L, 0x5555_5555L, 0xAAAA_AAAAL}) {
                AmqpMethod method = SampleMethods.sample(type, bits, (int) (bits & 7));

                AmqpMethod decoded = roundTrip(method);

                assertThat(decoded).as(method.methodName()).isInstanceOf(type);
                assertThat(decoded).as(method.methodName()).usingRecursiveComparison().isEqualTo(method);
            }
        }
    }

    @Test
    void connectionStartMatchesTheSpecLayout() {
        ByteBuf out = Unpooled.buffer();
        MethodCodec.encode(new AmqpConnection.Start(0, 9, Map.of(), bytes("PLAIN"), bytes("en_US")), out);

        // class 10, method 10, version 0-9, empty server-properties, longstr mechanisms, longstr locales
        assertThat(hexOf(out)).isEqualTo("000a000a" + "00" + "09" + "00000000"
            + "00000005" + ascii("PLAIN") + "00000005" + ascii("en_US"));
    }

    @Test
    void queueDeclarePacksItsFiveBitsIntoOneOctetLowBitFirst() throws ProtocolException {
        ByteBuf out = Unpooled.buffer();
        MethodCodec.encode(new AmqpQueue.Declare(0, "q", true, false, true, false, true, Map.of()), out);

        // passive=bit0, durable=bit1, exclusive=bit2, auto-delete=bit3, no-wait=bit4: 0b10101
        assertThat(hexOf(out)).isEqualTo("0032000a" + "0000" + "0171" + "15" + "00000000");
        AmqpQueue.Declare decoded = (AmqpQueue.Declare) MethodCodec.decode(out);
        assertThat(decoded.passive()).isTrue();
        assertThat(decoded.durable()).isFalse();
        assertThat(decoded.exclusive()).isTrue();
        assertThat(decoded.autoDelete()).isFalse();
        assertThat(decoded.nowait()).isTrue();
    }

    @Test
    void eachQueueDeclareBitHasItsOwnPosition() {
        String[] expected = {"01", "02", "04", "08", "10"};
        for (int bit = 0; bit < 5; bit++) {
            boolean[] b = new boolean[5];
            b[bit] = true;
            ByteBuf out = Unpooled.buffer();
            MethodCodec.encode(new AmqpQueue.Declare(0, "", b[0], b[1], b[2], b[3], b[4], null), out);

            assertThat(hexOf(out)).isEqualTo("0032000a000000" + expected[bit] + "00000000");
        }
    }

    @Test
    void exchangeDeclareBitsFollowRabbitMqNames() {
        ByteBuf out = Unpooled.buffer();
        MethodCodec.encode(new AmqpExchange.Declare(0, "x", "topic", false, true, true, false, false, null), out);

        // durable=bit1, auto-delete=bit2
        assertThat(hexOf(out)).isEqualTo("0028000a0000" + "0178" + "05" + ascii("topic") + "06" + "00000000");
    }

    @Test
    void bitsAreFlushedByTheNextNonBitField() {
        ByteBuf out = Unpooled.buffer();
        MethodCodec.encode(new AmqpBasic.Deliver("ct", 7, true, "ex", "rk"), out);

        assertThat(hexOf(out)).isEqualTo("003c003c" + "02" + ascii("ct") + "0000000000000007" + "01"
            + "02" + ascii("ex") + "02" + ascii("rk"));
    }

    @Test
    void basicPublishAndAckMatchKnownBytes() {
        ByteBuf publish = Unpooled.buffer();
        MethodCodec.encode(new AmqpBasic.Publish(0, "", "rk", true, true), publish);
        ByteBuf ack = Unpooled.buffer();
        MethodCodec.encode(new AmqpBasic.Ack(5, true), ack);

        assertThat(hexOf(publish)).isEqualTo("003c0028" + "0000" + "00" + "02" + ascii("rk") + "03");
        assertThat(hexOf(ack)).isEqualTo("003c0050" + "0000000000000005" + "01");
    }

    @Test
    void methodsWithoutArgumentsDecodeToOneSharedInstance() throws ProtocolException {
        AmqpMethod first = MethodCodec.decode(buffer("005a 000b"));
        AmqpMethod second = MethodCodec.decode(buffer("005a 000b"));

        assertThat(first).isEqualTo(new AmqpTx.SelectOk()).isSameAs(second);
    }

    @Test
    void nullStringsAndTablesEncodeAsEmpty() throws ProtocolException {
        AmqpMethod decoded = roundTrip(new AmqpQueue.Bind(0, null, null, null, false, null));

        assertThat(decoded).isEqualTo(new AmqpQueue.Bind(0, "", "", "", false, Map.of()));
    }

    @Test
    void decodedTablesAreUnmodifiable() throws ProtocolException {
        AmqpQueue.Declare decoded = (AmqpQueue.Declare) roundTrip(
            new AmqpQueue.Declare(0, "q", false, true, false, false, false, Map.of("x-max-length", 10)));

        assertThat(decoded.arguments()).containsEntry("x-max-length", 10);
        assertThatThrownBy(() -> decoded.arguments().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsValuesThatDoNotFitTheirWireTypeAndLeavesTheBufferUntouched() {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x42);

        assertThatThrownBy(() -> MethodCodec.encode(new AmqpChannel.Close(70_000, "", 0, 0), out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replyCode");
        assertThatThrownBy(() -> MethodCodec.encode(new AmqpConnection.Start(256, 9, null, null, null), out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("versionMajor");
        assertThatThrownBy(() -> MethodCodec.encode(new AmqpConnection.Tune(0, -1, 0), out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameMax");
        assertThatThrownBy(() -> MethodCodec.encode(new AmqpBasic.ConsumeOk("x".repeat(256)), out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        assertThatThrownBy(() -> MethodCodec.encode(
            new AmqpQueue.Declare(0, "q", false, false, false, false, false, Map.of("bad", new Object())), out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThat(out.readableBytes()).isEqualTo(1);
    }

    @Test
    void rejectsUnregisteredMethodTypes() {
        AmqpMethod unregistered = new MethodDescriptorTest.NineBits(true, false, false, false, false, false, false,
            false, true, "s");

        assertThatThrownBy(() -> MethodCodec.encode(unregistered, Unpooled.buffer()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered");
    }

    @Test
    void unknownClassOrMethodIsNotImplementedWithBothIds() {
        assertThat(decodeError("0063 000a")).isEqualTo(new ProtocolError(ReplyCode.NOT_IMPLEMENTED,
            "unknown method: class 99, method 10", 99, 10));
        assertThat(decodeError("003c 0029").code()).isEqualTo(ReplyCode.NOT_IMPLEMENTED);
        assertThat(decodeError("003c 0029").methodId()).isEqualTo(41);
    }

    @Test
    void truncatedPayloadsAreSyntaxErrors() {
        assertThat(decodeError("").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(decodeError("003c").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        // basic.ack with a 7-octet delivery tag
        ProtocolError ack = decodeError("003c 0050 00000000000005");
        assertThat(ack.code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(ack.classId()).isEqualTo(60);
        assertThat(ack.methodId()).isEqualTo(80);
        assertThat(ack.text()).contains("basic.ack", "deliveryTag");
        // basic.ack without its bit octet
        assertThat(decodeError("003c 0050 0000000000000005").text()).contains("multiple");
    }

    @Test
    void shortStringLongerThanWhatIsLeftIsASyntaxError() {
        // basic.consume-ok whose consumer tag claims 9 octets but has 2
        ProtocolError error = decodeError("003c 0015 09 6162");

        assertThat(error.code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error.text()).contains("consumerTag", "shortstr");
    }

    @Test
    void shortStringThatIsNotUtf8IsASyntaxError() {
        assertThat(decodeError("003c 0015 02 c328").text()).contains("UTF-8");
        // An encoded surrogate is not UTF-8 either.
        assertThat(decodeError("003c 0015 03 eda080").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void longStringLongerThanWhatIsLeftIsASyntaxError() {
        assertThat(decodeError("000a 0015 ffffffff 00").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void octetsAfterTheLastArgumentAreASyntaxError() {
        ProtocolError error = decodeError("003c 0050 0000000000000005 01 00");

        assertThat(error.code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error.text()).contains("1 octets follow");
        assertThat(decodeError("005a 000a 00").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void nonAsciiShortStringsRoundTrip() throws ProtocolException {
        String tag = "consumer-ø-日本-😀";

        AmqpBasic.ConsumeOk decoded = (AmqpBasic.ConsumeOk) roundTrip(new AmqpBasic.ConsumeOk(tag));

        assertThat(decoded.consumerTag()).isEqualTo(tag);
    }

    /** Encodes, decodes, and checks that the decoded method encodes to the very same octets. */
    static AmqpMethod roundTrip(AmqpMethod method) throws ProtocolException {
        ByteBuf out = Unpooled.buffer();
        MethodCodec.encode(method, out);
        String encoded = hexOf(out);
        AmqpMethod decoded = MethodCodec.decode(out);
        assertThat(out.isReadable()).isFalse();
        ByteBuf again = Unpooled.buffer();
        MethodCodec.encode(decoded, again);
        assertThat(hexOf(again)).as(method.methodName() + " re-encoded").isEqualTo(encoded);
        return decoded;
    }

    private static ProtocolError decodeError(String hex) {
        try {
            AmqpMethod method = MethodCodec.decode(buffer(hex));
            throw new AssertionError("decoded " + method);
        } catch (ProtocolException e) {
            return e.error();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
