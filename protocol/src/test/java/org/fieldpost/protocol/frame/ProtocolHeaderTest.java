package org.fieldpost.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.protocol.codec.Bytes.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.fieldpost.protocol.frame.ProtocolHeader.Match;
import org.junit.jupiter.api.Test;

class ProtocolHeaderTest {

    @Test
    void theSupportedHeaderIsAmqp0091() {
        ByteBuf out = Unpooled.buffer();
        ProtocolHeader.write(out);

        assertThat(out.readableBytes()).isEqualTo(ProtocolHeader.LENGTH);
        assertThat(ProtocolHeader.bytes()).containsExactly('A', 'M', 'Q', 'P', 0, 0, 9, 1);
        assertThat(ProtocolHeader.check(out)).isEqualTo(Match.SUPPORTED);
        assertThat(out.readerIndex()).isZero();
        assertThat(ProtocolHeader.isSupported(ProtocolHeader.bytes())).isTrue();
    }

    @Test
    void aPrefixIsIncompleteAndAMismatchIsUnsupportedAtOnce() {
        assertThat(ProtocolHeader.check(Unpooled.EMPTY_BUFFER)).isEqualTo(Match.INCOMPLETE);
        assertThat(ProtocolHeader.check(buffer("414d5150 0000"))).isEqualTo(Match.INCOMPLETE);
        assertThat(ProtocolHeader.check(buffer("47"))).isEqualTo(Match.UNSUPPORTED);
        // AMQP 0-9 and 1.0 headers
        assertThat(ProtocolHeader.check(buffer("414d5150 01010009"))).isEqualTo(Match.UNSUPPORTED);
        assertThat(ProtocolHeader.check(buffer("414d5150 00010000"))).isEqualTo(Match.UNSUPPORTED);
        assertThat(ProtocolHeader.isSupported(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9})).isFalse();
    }

    @Test
    void bytesReturnsACopy() {
        ProtocolHeader.bytes()[0] = 'X';

        assertThat(ProtocolHeader.bytes()[0]).isEqualTo((byte) 'A');
    }
}
