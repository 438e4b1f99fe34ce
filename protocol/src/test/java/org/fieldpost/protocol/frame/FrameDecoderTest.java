package org.fieldpost.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.buffer;
import static org.fieldpost.protocol.codec.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolError;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.codec.LazyFieldTable;
import org.fieldpost.protocol.method.AmqpBasic;
import org.junit.jupiter.api.Test;

/** Strict decoding of frames, spec section 4.2.3 (general frame format) and 4.2.6 (content). */
class FrameDecoderTest {
    private static final long FRAME_MAX = 4096;
    /** basic.ack(5, multiple) on channel 1. */
    private static final String ACK_FRAME = "01 0001 0000000d 003c0050 0000000000000005 01 ce";

    @Test
    void decodesAMethodFrame() throws ProtocolException {
        Frame frame = FrameDecoder.decode(buffer(ACK_FRAME), FRAME_MAX);

        assertThat(frame).isEqualTo(new Frame.MethodFrame(1, new AmqpBasic.Ack(5, true)));
    }

    @Test
    void decodesAHeartbeat() throws ProtocolException {
        assertThat(FrameDecoder.decode(buffer("08 0000 00000000 ce"), FRAME_MAX))
            .isSameAs(Frame.HeartbeatFrame.INSTANCE);
    }

    @Test
    void decodesAHeaderFrameKeepingThePropertiesWireForm() throws ProtocolException {
        String properties = "9000" + "0a" + ascii("text/plain") + "02";
        ByteBuf in = buffer("02 0003 0000001a 003c 0000 0000000000000400" + properties + "ce");

        Frame.HeaderFrame header = (Frame.HeaderFrame) FrameDecoder.decode(in, FRAME_MAX);

        assertThat(header.channel()).isEqualTo(3);
        assertThat(header.classId()).isEqualTo(60);
        assertThat(header.bodySize()).isEqualTo(1024);
        assertThat(header.properties().contentType()).isEqualTo("text/plain");
        assertThat(header.properties().deliveryMode()).isEqualTo(2);
        assertThat(header.encodedProperties()).isEqualTo(hex(properties));
        assertThat(header).isEqualTo(new Frame.HeaderFrame(3, 60, 1024, header.properties()));
    }

    @Test
    void lazyHeadersAreCheckedOnReceiptAndDecodedOnFirstUse() throws ProtocolException {
        // flags: headers; a table {"a": int 1}
        String properties = "2000" + "00000007" + "01" + ascii("a") + "49" + "00000001";
        String frame = "02 0001 00000019 003c 0000 0000000000000000" + properties + "ce";

        Frame.HeaderFrame lazy = (Frame.HeaderFrame) FrameDecoder.decode(buffer(frame), FRAME_MAX, true);
        Frame.HeaderFrame eager = (Frame.HeaderFrame) FrameDecoder.decode(buffer(frame), FRAME_MAX, false);

        assertThat(lazy.properties().headers()).isInstanceOf(LazyFieldTable.class);
        assertThat(((LazyFieldTable) lazy.properties().headers()).undecoded()).isTrue();
        assertThat(eager.properties().headers()).isNotInstanceOf(LazyFieldTable.class);
        assertThat(lazy).isEqualTo(eager);
        assertThat(lazy.properties().headers()).containsExactly(Map.entry("a", 1));

        String unknownType = "2000" + "00000007" + "01" + ascii("a") + "5a" + "00000001";
        assertThatThrownBy(() -> FrameDecoder.decode(
            buffer("02 0001 00000019 003c 0000 0000000000000000" + unknownType + "ce"), FRAME_MAX, true))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
                assertThat(e.error().text()).isEqualTo("content header properties: unknown field value type 0x5a");
            });
    }

    @Test
    void decodesABodyFrameIntoItsOwnArray() throws ProtocolException {
        ByteBuf in = buffer("03 0002 00000003 616263 ce");

        Frame.BodyFrame body = (Frame.BodyFrame) FrameDecoder.decode(in, FRAME_MAX);
        in.setByte(7, 'z');

        assertThat(body.channel()).isEqualTo(2);
        assertThat(body.payload()).isEqualTo(hex("616263"));
    }

    @Test
    void decodesTheSameFramesFromEveryKindOfBufferAndKeepsNothingOfIt() throws ProtocolException {
        String properties = "2000" + "00000007" + "01" + ascii("a") + "49" + "00000001";
        byte[] stream = hex(ACK_FRAME + "02 0001 00000019 003c 0000 0000000000000003" + properties + "ce"
            + "03 0001 00000003 616263 ce" + "08 0000 00000000 ce");
        List<Frame> expected = decodeAll(Unpooled.wrappedBuffer(stream.clone()));
        assertThat(expected).hasSize(4);

        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // every allocation tracked, wrapped
        try {
            ByteBuf tracked = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(stream);
            assertThat(tracked.getClass().getSimpleName()).contains("LeakAware");
            assertDecodesAs(tracked, expected);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        assertDecodesAs(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(stream), expected);
        ByteBuf parent = Unpooled.wrappedBuffer(new byte[] {9}, stream.clone());
        assertDecodesAs(parent.slice(1, stream.length), expected);
        for (int split = 1; split < stream.length; split++) {
            byte[] copy = stream.clone();
            CompositeByteBuf composite = Unpooled.compositeBuffer().addComponents(true,
                Unpooled.wrappedBuffer(copy, 0, split), Unpooled.wrappedBuffer(copy, split, copy.length - split));
            assertDecodesAs(composite, expected);
        }
    }

    private static void assertDecodesAs(ByteBuf in, List<Frame> expected) throws ProtocolException {
        int start = in.readerIndex();
        List<Frame> frames = decodeAll(in);
        assertThat(described(frames)).as(in.getClass().getSimpleName()).isEqualTo(described(expected));
        in.setZero(start, in.writerIndex() - start); // the frames own their octets
        assertThat(described(frames)).isEqualTo(described(expected));
        assertThat(((Frame.HeaderFrame) frames.get(1)).properties().headers()).containsExactly(Map.entry("a", 1));
        assertThat(((Frame.BodyFrame) frames.get(2)).payload()).isEqualTo(hex("616263"));
        in.release();
    }

    /** The frames as text, a body by its octets (a record compares arrays by identity). */
    private static List<String> described(List<Frame> frames) {
        return frames.stream().map(f -> f instanceof Frame.BodyFrame b
            ? "body " + b.channel() + " " + java.util.HexFormat.of().formatHex(b.payload())
            : f + " " + (f instanceof Frame.HeaderFrame h ? java.util.HexFormat.of().formatHex(h.encodedProperties())
                : "")).toList();
    }

    private static List<Frame> decodeAll(ByteBuf in) throws ProtocolException {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = FrameDecoder.decode(in, FRAME_MAX, true); frame != null;
            frame = FrameDecoder.decode(in, FRAME_MAX, true)) {
            frames.add(frame);
        }
        assertThat(in.isReadable()).isFalse();
        return frames;
    }

    @Test
    void returnsNullAndConsumesNothingUntilTheWholeFrameHasArrived() throws ProtocolException {
        byte[] frame = hex(ACK_FRAME);
        for (int length = 0; length < frame.length; length++) {
            ByteBuf in = Unpooled.wrappedBuffer(frame, 0, length);

            assertThat(FrameDecoder.decode(in, FRAME_MAX)).as("prefix of %d octets", length).isNull();
            assertThat(in.readerIndex()).isZero();
        }
    }

    @Test
    void consumesExactlyOneFrame() throws ProtocolException {
        ByteBuf in = buffer(ACK_FRAME + "08 0000 00000000 ce" + "01");

        assertThat(FrameDecoder.decode(in, FRAME_MAX)).isInstanceOf(Frame.MethodFrame.class);
        assertThat(FrameDecoder.decode(in, FRAME_MAX)).isInstanceOf(Frame.HeartbeatFrame.class);
        assertThat(FrameDecoder.decode(in, FRAME_MAX)).isNull();
        assertThat(in.readableBytes()).isEqualTo(1);
    }

    @Test
    void unknownFrameTypeIsAFrameError() {
        assertThat(error("04 0000 00000000 ce").code()).isEqualTo(ReplyCode.FRAME_ERROR);
        // Another protocol header arriving as a frame
        assertThat(error("414d5150 00000901").code()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void wrongFrameEndIsAFrameError() {
        ProtocolError error = error("01 0001 0000000d 003c0050 0000000000000005 01 00");

        assertThat(error.code()).isEqualTo(ReplyCode.FRAME_ERROR);
        assertThat(error.text()).contains("frame-end");
    }

    @Test
    void oversizedFrameFailsAsSoonAsTheFrameHeaderArrives() {
        // 4089 payload octets + 8 overhead = 4097 > 4096; only the 7-octet header is present.
        ByteBuf in = buffer("03 0001 00000ff9");

        assertThatThrownBy(() -> FrameDecoder.decode(in, FRAME_MAX))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.error().code()).isEqualTo(ReplyCode.FRAME_ERROR);
                assertThat(e.error().text()).contains("frame-max 4096");
            });
    }

    @Test
    void frameOfExactlyFrameMaxIsAccepted() throws ProtocolException {
        ByteBuf in = Unpooled.buffer();
        in.writeByte(3).writeShort(1).writeInt(4088).writeZero(4088).writeByte(0xCE);

        assertThat(FrameDecoder.decode(in, FRAME_MAX)).isInstanceOf(Frame.BodyFrame.class);
    }

    @Test
    void withoutFrameMaxOnlyArraySizedPayloadsAreAccepted() throws ProtocolException {
        assertThat(FrameDecoder.decode(buffer("03 0001 00010000"), 0)).isNull();
        assertThat(error("03 0001 ffffffff", 0).code()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void heartbeatOnAChannelOrWithPayloadIsAFrameError() {
        assertThat(error("08 0001 00000000 ce").code()).isEqualTo(ReplyCode.FRAME_ERROR);
        assertThat(error("08 0000 00000001 00 ce").code()).isEqualTo(ReplyCode.FRAME_ERROR);
    }

    @Test
    void methodPayloadTooShortIsASyntaxError() {
        assertThat(error("01 0001 00000002 003c ce").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error("01 0001 00000000 ce").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void truncatedMethodArgumentIsASyntaxErrorOfThatMethod() {
        // basic.ack without its bit octet
        ProtocolError error = error("01 0001 0000000c 003c0050 0000000000000005 ce");

        assertThat(error.code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        assertThat(error.classId()).isEqualTo(60);
        assertThat(error.methodId()).isEqualTo(80);
    }

    @Test
    void shortStringLengthBeyondThePayloadIsASyntaxError() {
        // basic.consume-ok with a consumer tag claiming 200 octets
        assertThat(error("01 0001 00000007 003c0015 c8 6162 ce").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void unknownClassOrMethodIsNotImplemented() {
        ProtocolError error = error("01 0001 00000004 0063000a ce");

        assertThat(error).isEqualTo(new ProtocolError(ReplyCode.NOT_IMPLEMENTED,
            "unknown method: class 99, method 10", 99, 10));
    }

    @Test
    void octetsAfterTheLastArgumentAreASyntaxError() {
        assertThat(error("01 0001 0000000e 003c0050 0000000000000005 01 ff ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void contentHeaderForAnotherClassIsAnUnexpectedFrame() {
        assertThat(error("02 0001 0000000e 0032 0000 0000000000000000 0000 ce").code())
            .isEqualTo(ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void malformedContentHeadersAreSyntaxErrors() {
        // truncated before the body size
        assertThat(error("02 0001 00000004 003c 0000 ce").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
        // no property flags
        assertThat(error("02 0001 0000000c 003c 0000 0000000000000000 ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
        // non-zero weight
        assertThat(error("02 0001 0000000e 003c 0001 0000000000000000 0000 ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
        // body size with the top bit set
        assertThat(error("02 0001 0000000e 003c 0000 8000000000000000 0000 ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
        // octets after the properties
        assertThat(error("02 0001 0000000f 003c 0000 0000000000000000 0000 00 ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
        // content-type flag set, no content-type
        assertThat(error("02 0001 0000000e 003c 0000 0000000000000000 8000 ce").code())
            .isEqualTo(ReplyCode.SYNTAX_ERROR);
    }

    @Test
    void negativeFrameMaxIsAProgrammingError() {
        assertThatThrownBy(() -> FrameDecoder.decode(buffer(ACK_FRAME), -1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerFrameEqualityIgnoresTheWireForm() {
        BasicProperties p = new BasicProperties("a", null, null, null, null, null, null, null, null, null, null, null,
            null, null);
        Frame.HeaderFrame computed = new Frame.HeaderFrame(1, 60, 5, p);
        Frame.HeaderFrame explicit = new Frame.HeaderFrame(1, 60, 5, p, new byte[] {1});

        assertThat(computed).isEqualTo(explicit).hasSameHashCodeAs(explicit);
        assertThat(computed.toString()).doesNotContain("encodedProperties");
        assertThat(new Frame.HeaderFrame(1, 60, 0, null).properties()).isEqualTo(BasicProperties.EMPTY);
    }

    private static ProtocolError error(String hex) {
        return error(hex, FRAME_MAX);
    }

    private static ProtocolError error(String hex, long frameMax) {
        try {
            Frame frame = FrameDecoder.decode(buffer(hex), frameMax);
            throw new AssertionError("decoded " + frame);
        } catch (ProtocolException e) {
            return e.error();
        }
    }
}
