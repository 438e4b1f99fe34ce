package org.fieldpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fieldpost.protocol.codec.MethodCodec;
import org.fieldpost.protocol.method.AmqpChannel;
import org.junit.jupiter.api.Test;

class BaseTypesTest {

    @Test
    void errorTextIsCutToWhatAReplyTextHolds() {
        ProtocolError ascii = ProtocolError.of(ReplyCode.NOT_FOUND, "x".repeat(300));
        ProtocolError twoOctet = ProtocolError.of(ReplyCode.NOT_FOUND, "é".repeat(200));
        ProtocolError emoji = ProtocolError.of(ReplyCode.NOT_FOUND, "a" + "😀".repeat(100));

        assertThat(ascii.text()).hasSize(255);
        assertThat(twoOctet.text().getBytes(StandardCharsets.UTF_8)).hasSize(254);
        assertThat(emoji.text().getBytes(StandardCharsets.UTF_8)).hasSize(253);
        assertThat(Character.isHighSurrogate(emoji.text().charAt(emoji.text().length() - 1))).isFalse();
        assertThat(ProtocolError.of(ReplyCode.NOT_FOUND, "short").text()).isEqualTo("short");
        MethodCodec.encode(new AmqpChannel.Close(404, emoji.text(), 0, 0), Unpooled.buffer());
    }

    @Test
    void builderSetsEachPropertyAndCopies() {
        BasicProperties built = BasicProperties.builder().contentType("ct").contentEncoding("ce")
            .headers(Map.of("h", 1)).deliveryMode(2).priority(5).correlationId("c").replyTo("r").expiration("1000")
            .messageId("m").timestamp(7L).type("t").userId("u").appId("a").clusterId("cl").build();

        assertThat(built).isEqualTo(new BasicProperties("ct", "ce", Map.of("h", 1), 2, 5, "c", "r", "1000", "m", 7L,
            "t", "u", "a", "cl"));
        assertThat(built.toBuilder().build()).isEqualTo(built);
        assertThat(built.persistent()).isTrue();
        assertThat(BasicProperties.builder().build()).isEqualTo(BasicProperties.EMPTY);
    }
}
