package org.fieldpost.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.codec.MethodRegistry;
import org.fieldpost.protocol.codec.SampleMethods;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpMethod;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated octets to the decoder: whatever arrives, the only outcomes are a frame,
 * {@code null} (incomplete, nothing consumed) or a {@link ProtocolException}. Seeds are fixed so
 * that a failure reproduces; the failing input is printed in hex.
 */
class FrameDecoderFuzzTest {
    private static final long[] FRAME_MAXES = {0, 4096, 131_072};
    private static final byte[] FRAME_TYPES = {1, 2, 3, 8};

    @Test
    void randomOctetsYieldOnlyFramesOrProtocolErrors() {
        Random random = new Random(0x5EED_0001L);
        for (int i = 0; i < 5_000; i++) {
            byte[] input = new byte[random.nextInt(80)];
            random.nextBytes(input);
            if (input.length >= FrameType.HEADER_SIZE && random.nextBoolean()) {
                // A plausible frame header makes the decoder look at the payload.
                input[0] = FRAME_TYPES[random.nextInt(FRAME_TYPES.length)];
                writeSize(input, input.length - FrameType.OVERHEAD);
                input[input.length - 1] = (byte) FrameType.FRAME_END;
            }
            decodeAll(input, FRAME_MAXES[random.nextInt(FRAME_MAXES.length)]);
        }
    }

    @Test
    void mutatedValidFramesYieldOnlyFramesOrProtocolErrors() {
        List<byte[]> corpus = validFrames();
        Random random = new Random(0x5EED_0002L);
        Set<String> outcomes = new HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, random);
            }
            outcomes.add(decodeAll(input, FRAME_MAXES[random.nextInt(FRAME_MAXES.length)]));
        }
        // The mutations reach every layer: framing, method and header decoding, field tables.
        assertThat(outcomes).contains("frame", "incomplete", "FRAME_ERROR", "SYNTAX_ERROR", "UNEXPECTED_FRAME",
            "NOT_IMPLEMENTED");
    }

    @Test
    void theCorpusItselfDecodesCleanly() throws ProtocolException {
        for (byte[] frame : validFrames()) {
            ByteBuf in = Unpooled.wrappedBuffer(frame);

            assertThat(FrameDecoder.decode(in, 131_072)).isNotNull();
            assertThat(in.isReadable()).isFalse();
        }
    }

    private static List<byte[]> validFrames() {
        List<byte[]> frames = new ArrayList<>();
        for (Class<? extends AmqpMethod> type : MethodRegistry.methodTypes()) {
            ByteBuf out = Unpooled.buffer();
            FrameEncoder.writeMethod(3, SampleMethods.sample(type), out);
            frames.add(ByteBufUtil.getBytes(out));
        }
        BasicProperties all = new BasicProperties("text/plain", "gzip", SampleMethods.table(0), 2, 9, "corr", "reply",
            "60000", "msg-1", 1_700_000_000L, "type", "guest", "app", "cluster");
        ByteBuf content = Unpooled.buffer();
        FrameEncoder.writeContent(5, new AmqpBasic.Publish(0, "ex", "rk", true, false), all, new byte[40], 4096,
            content);
        while (content.isReadable()) {
            int size = content.getInt(content.readerIndex() + 3);
            frames.add(ByteBufUtil.getBytes(content.readSlice(FrameType.OVERHEAD + size)));
        }
        ByteBuf heartbeat = Unpooled.buffer();
        FrameEncoder.writeHeartbeat(heartbeat);
        frames.add(ByteBufUtil.getBytes(heartbeat));
        return frames;
    }

    private static byte[] mutate(byte[] input, Random random) {
        if (input.length == 0) {
            return new byte[] {FRAME_TYPES[random.nextInt(FRAME_TYPES.length)]};
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(6)) {
            case 0:
                input[at] ^= (byte) (1 << random.nextInt(8));
                return input;
            case 1:
                input[at] = (byte) random.nextInt(256);
                return input;
            case 2:
                return Arrays.copyOf(input, at);
            case 3:
                return resizePayload(input, random.nextInt(Math.max(1, input.length)));
            case 4:
                return resizePayload(input, input.length + random.nextInt(16));
            default:
                // Mutate inside the payload only, keeping the frame structurally whole.
                if (input.length > FrameType.OVERHEAD) {
                    int payloadAt = FrameType.HEADER_SIZE + random.nextInt(input.length - FrameType.OVERHEAD);
                    input[payloadAt] = (byte) random.nextInt(256);
                }
                return input;
        }
    }

    /** Cuts or pads (with random-looking octets) the payload, fixing up size and frame-end. */
    private static byte[] resizePayload(byte[] input, int newLength) {
        int length = Math.max(newLength, FrameType.OVERHEAD);
        byte[] resized = Arrays.copyOf(input, length);
        for (int i = input.length; i < length; i++) {
            resized[i] = (byte) (i * 31);
        }
        writeSize(resized, length - FrameType.OVERHEAD);
        resized[length - 1] = (byte) FrameType.FRAME_END;
        return resized;
    }

    private static void writeSize(byte[] frame, int size) {
        frame[3] = (byte) (size >>> 24);
        frame[4] = (byte) (size >>> 16);
        frame[5] = (byte) (size >>> 8);
        frame[6] = (byte) size;
    }

    /** Decodes until the input is used up; returns "frame", "incomplete" or the error's reply code. */
    private static String decodeAll(byte[] input, long frameMax) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            while (true) {
                int before = in.readerIndex();
                Frame frame = FrameDecoder.decode(in, frameMax);
                if (frame == null) {
                    assertThat(in.readerIndex()).isEqualTo(before);
                    return in.isReadable() ? "incomplete" : "frame";
                }
                assertThat(in.readerIndex()).isGreaterThan(before);
            }
        } catch (ProtocolException e) {
            assertThat(e.error()).isNotNull();
            assertThat(e.error().closesConnection()).isTrue();
            return e.error().code().name();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("frameMax " + frameMax + ", input " + ByteBufUtil.hexDump(input), e);
        }
    }
}
