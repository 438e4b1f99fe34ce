package org.fieldpost.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.hexOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.codec.MethodRegistry;
import org.fieldpost.protocol.codec.PropertiesCodec;
import org.fieldpost.protocol.codec.SampleMethods;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
    private static final AmqpBasic.Publish PUBLISH = new AmqpBasic.Publish(0, "ex", "rk", false, false);
    private static final BasicProperties PERSISTENT = new BasicProperties("text/plain", null, null, 2, null, null,
        null, null, null, null, null, null, null, null);

    @Test
    void writesAMethodFrame() {
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeMethod(1, new AmqpBasic.Ack(5, true), out);

        assertThat(hexOf(out)).isEqualTo("01" + "0001" + "0000000d" + "003c0050" + "0000000000000005" + "01" + "ce");
    }

    @Test
    void writesAHeartbeat() {
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeHeartbeat(out);

        assertThat(hexOf(out)).isEqualTo("08" + "0000" + "00000000" + "ce");
    }

    @Test
    void everyMethodSurvivesTheFrameRoundTrip() throws ProtocolException {
        for (Class<? extends AmqpMethod> type : MethodRegistry.methodTypes()) {
            AmqpMethod method = SampleMethods.sample(type);
            ByteBuf out = Unpooled.buffer();
            FrameEncoder.writeMethod(7, method, 131_072, out);

            Frame frame = FrameDecoder.decode(out, 131_072);

            assertThat(frame).as(method.methodName()).usingRecursiveComparison()
                .isEqualTo(new Frame.MethodFrame(7, method));
            assertThat(out.isReadable()).isFalse();
        }
    }

    @Test
    void splitsTheBodyIntoFramesOfAtMostFrameMaxMinusEight() throws ProtocolException {
        byte[] body = new byte[2 * 4088 + 100];
        Arrays.fill(body, (byte) 7);
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeContent(1, PUBLISH, PERSISTENT, body, 4096, out);

        List<Frame> frames = decodeAll(out, 4096);
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0)).isEqualTo(new Frame.MethodFrame(1, PUBLISH));
        assertThat(frames.get(1)).isEqualTo(new Frame.HeaderFrame(1, 60, body.length, PERSISTENT));
        assertThat(bodySizes(frames)).containsExactly(4088, 4088, 100);
    }

    @Test
    void aBodyOfExactlyOneFramePayloadNeedsOneBodyFrame() throws ProtocolException {
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeContent(1, PUBLISH, PERSISTENT, new byte[4088], 4096, out);

        assertThat(bodySizes(decodeAll(out, 4096))).containsExactly(4088);
    }

    @Test
    void anEmptyBodyHasNoBodyFrame() throws ProtocolException {
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeContent(1, PUBLISH, PropertiesCodec.encode(BasicProperties.EMPTY), new byte[0], 4096, out);

        List<Frame> frames = decodeAll(out, 4096);
        assertThat(frames).hasSize(2);
        assertThat(((Frame.HeaderFrame) frames.get(1)).bodySize()).isZero();
    }

    @Test
    void withoutFrameMaxTheBodyTravelsInOneFrame() throws ProtocolException {
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeContent(1, PUBLISH, PERSISTENT, new byte[100_000], 0, out);

        assertThat(bodySizes(decodeAll(out, 0))).containsExactly(100_000);
    }

    @Test
    void headerFrameCarriesTheGivenPropertyOctetsVerbatim() throws ProtocolException {
        byte[] encoded = PropertiesCodec.encode(PERSISTENT);
        ByteBuf out = Unpooled.buffer();

        FrameEncoder.writeContent(2, new AmqpBasic.Deliver("ct", 1, false, "ex", "rk"), encoded, new byte[] {1},
            4096, out);

        Frame.HeaderFrame header = (Frame.HeaderFrame) decodeAll(out, 4096).get(1);
        assertThat(header.encodedProperties()).isEqualTo(encoded);
        assertThat(header.properties()).isEqualTo(PERSISTENT);
    }

    @Test
    void aMethodLargerThanFrameMaxIsRejectedAndNothingIsWritten() {
        AmqpQueue.Declare declare = new AmqpQueue.Declare(0, "q", false, true, false, false, false,
            Map.of("x-big", "y".repeat(5000)));
        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> FrameEncoder.writeMethod(1, declare, 4096, out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame-max");
        assertThatThrownBy(() -> FrameEncoder.writeContent(1, PUBLISH, new BasicProperties(null, null,
            Map.of("h", "y".repeat(5000)), null, null, null, null, null, null, null, null, null, null, null),
            new byte[10], 4096, out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content header");
        assertThat(out.writerIndex()).isZero();
        FrameEncoder.writeMethod(1, declare, 0, out);
        assertThat(out.writerIndex()).isGreaterThan(5000);
    }

    @Test
    void rejectsMisuse() {
        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> FrameEncoder.writeMethod(65_536, PUBLISH, out))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameEncoder.writeMethod(1, PUBLISH, 8, out))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameEncoder.writeContent(1, new AmqpBasic.Ack(1, false), PERSISTENT, new byte[0],
            4096, out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no content");
        assertThatThrownBy(() -> FrameEncoder.writeContent(0, PUBLISH, PERSISTENT, new byte[0], 4096, out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel 0");
        assertThat(out.writerIndex()).isZero();
    }

    private static List<Frame> decodeAll(ByteBuf in, long frameMax) throws ProtocolException {
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = FrameDecoder.decode(in, frameMax)) != null) {
            frames.add(frame);
        }
        assertThat(in.isReadable()).isFalse();
        return frames;
    }

    private static List<Integer> bodySizes(List<Frame> frames) {
        List<Integer> sizes = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame instanceof Frame.BodyFrame body) {
                sizes.add(body.payload().length);
            }
        }
        return sizes;
    }
}
