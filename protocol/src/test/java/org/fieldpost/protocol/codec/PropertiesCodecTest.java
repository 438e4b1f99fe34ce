package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;

class PropertiesCodecTest {

    private static final BasicProperties ALL = new BasicProperties("text/plain", "gzip",
        Map.of("h", "v"), 2, 9, "corr", "reply", "60000", "msg-1", 1_700_000_000L, "type", "guest", "app", "cluster");

    @Test
    void emptyPropertiesAreTwoZeroOctets() {
        assertThat(PropertiesCodec.encode(BasicProperties.EMPTY)).containsExactly(0, 0);
        assertThat(PropertiesCodec.encode(null)).containsExactly(0, 0);
    }

    @Test
    void eachPropertyHasItsFlagHighestBitFirst() {
        String[] names = {"contentType", "contentEncoding", "headers", "deliveryMode", "priority", "correlationId",
            "replyTo", "expiration", "messageId", "timestamp", "type", "userId", "appId", "clusterId"};
        for (int i = 0; i < names.length; i++) {
            byte[] encoded = PropertiesCodec.encode(only(i));

            int flags = ((encoded[0] & 0xFF) << 8) | (encoded[1] & 0xFF);
            assertThat(flags).as(names[i]).isEqualTo(1 << (15 - i));
        }
    }

    @Test
    void contentTypeAndDeliveryModeMatchKnownBytes() {
        BasicProperties p = new BasicProperties("text/plain", null, null, 2, null, null, null, null, null, null,
            null, null, null, null);

        assertThat(ByteBufUtil.hexDump(PropertiesCodec.encode(p)))
            .isEqualTo("9000" + "0a" + ascii("text/plain") + "02");
    }

    @Test
    void allPropertiesRoundTrip() throws ProtocolException {
        ByteBuf buf = Unpooled.wrappedBuffer(PropertiesCodec.encode(ALL));

        assertThat(PropertiesCodec.decode(buf)).isEqualTo(ALL);
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void eachPropertyAloneRoundTrips() throws ProtocolException {
        for (int i = 0; i < 14; i++) {
            BasicProperties p = only(i);

            assertThat(PropertiesCodec.decode(Unpooled.wrappedBuffer(PropertiesCodec.encode(p)))).isEqualTo(p);
        }
    }

    @Test
    void continuationWordsWithoutFurtherPropertiesAreAccepted() throws ProtocolException {
        BasicProperties decoded = PropertiesCodec.decode(buffer("8001 0001 0000 03" + ascii("a/b")));

        assertThat(decoded.contentType()).isEqualTo("a/b");
    }

    @Test
    void flagsNamingNoBasicPropertyAreSyntaxErrors() {
        assertSyntaxError("0002");
        assertSyntaxError("0001 8000");
    }

    @Test
    void truncatedPropertiesAreSyntaxErrors() {
        assertSyntaxError("80");
        assertSyntaxError("8000");
        assertSyntaxError("8000 05 6162");
        assertSyntaxError("1000");
        assertSyntaxError("0040 00000000");
        assertSyntaxError("2000 00000010");
        assertSyntaxError("0001");
    }

    @Test
    void outOfRangeOctetPropertiesAreRejectedOnEncode() {
        BasicProperties badMode = new BasicProperties(null, null, null, 256, null, null, null, null, null, null,
            null, null, null, null);
        ByteBuf out = Unpooled.buffer();

        assertThatThrownBy(() -> PropertiesCodec.write(badMode, out))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delivery-mode");
        assertThat(out.writerIndex()).isZero();
    }

    private static BasicProperties only(int index) {
        Object[] values = {"text/plain", "gzip", Map.of("h", 1), 2, 9, "corr", "reply", "60000", "msg-1",
            1_700_000_000L, "type", "guest", "app", "cluster"};
        Object[] args = new Object[14];
        args[index] = values[index];
        return new BasicProperties((String) args[0], (String) args[1], castMap(args[2]), (Integer) args[3],
            (Integer) args[4], (String) args[5], (String) args[6], (String) args[7], (String) args[8],
            (Long) args[9], (String) args[10], (String) args[11], (String) args[12], (String) args[13]);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static void assertSyntaxError(String hex) {
        assertThatThrownBy(() -> PropertiesCodec.decode(buffer(hex)))
            .isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR));
    }
}
