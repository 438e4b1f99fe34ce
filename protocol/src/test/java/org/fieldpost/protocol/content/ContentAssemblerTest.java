package org.fieldpost.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.frame.Frame;
import org.fieldpost.protocol.method.AmqpBasic;
import org.fieldpost.protocol.method.AmqpQueue;
import org.junit.jupiter.api.Test;

/** Content assembly, spec section 4.2.6: method frame, one header frame, body frames up to the body size. */
class ContentAssemblerTest {
    private static final AmqpBasic.Publish PUBLISH = new AmqpBasic.Publish(0, "ex", "rk", false, false);
    private static final BasicProperties PROPERTIES = new BasicProperties("text/plain", null, null, 2, null, null,
        null, null, null, null, null, null, null, null);

    private final ContentAssembler assembler = new ContentAssembler(1000);

    @Test
    void aMethodWithoutContentIsCompleteAtOnce() throws ProtocolException {
        assertThat(assembler.onMethod(new AmqpBasic.Ack(1, false))).isFalse();
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void assemblesABodyFromSeveralFrames() throws ProtocolException {
        assertThat(assembler.onMethod(PUBLISH)).isTrue();
        assertThat(assembler.onHeader(header(6))).isNull();
        assertThat(assembler.onBody(body("ab"))).isNull();
        assertThat(assembler.onBody(body(""))).isNull();
        Content content = assembler.onBody(body("cdef"));

        assertThat(content.method()).isEqualTo(PUBLISH);
        assertThat(content.properties()).isEqualTo(PROPERTIES);
        assertThat(content.encodedProperties()).isEqualTo(header(6).encodedProperties());
        assertThat(new String(content.body(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(content.bodySize()).isEqualTo(6);
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void aSingleFrameBodyIsNotCopied() throws ProtocolException {
        Frame.BodyFrame frame = body("whole");
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(5));

        assertThat(assembler.onBody(frame).body()).isSameAs(frame.payload());
    }

    @Test
    void anEmptyBodyCompletesAtTheHeader() throws ProtocolException {
        assembler.onMethod(new AmqpBasic.Deliver("ct", 1, false, "ex", "rk"));

        Content content = assembler.onHeader(header(0));

        assertThat(content.body()).isEmpty();
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void assemblesOneContentAfterAnother() throws ProtocolException {
        for (int i = 0; i < 3; i++) {
            assembler.onMethod(PUBLISH);
            assembler.onHeader(header(1));
            assertThat(assembler.onBody(body("x"))).isNotNull();
            assertThat(assembler.onMethod(new AmqpBasic.Ack(i, false))).isFalse();
        }
    }

    @Test
    void aHeaderWithoutAContentMethodIsAnUnexpectedFrame() {
        assertError(() -> assembler.onHeader(header(1)), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aBodyWithoutAContentMethodIsAnUnexpectedFrame() {
        assertError(() -> assembler.onBody(body("x")), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aBodyBeforeTheHeaderIsAnUnexpectedFrame() throws ProtocolException {
        assembler.onMethod(PUBLISH);

        assertError(() -> assembler.onBody(body("x")), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aMethodBeforeTheHeaderIsAnUnexpectedFrame() throws ProtocolException {
        assembler.onMethod(PUBLISH);

        assertError(() -> assembler.onMethod(PUBLISH), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aMethodInTheMiddleOfTheBodyIsAnUnexpectedFrame() throws ProtocolException {
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(4));
        assembler.onBody(body("ab"));

        assertError(() -> assembler.onMethod(new AmqpQueue.PurgeOk(0)), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aSecondHeaderIsAnUnexpectedFrame() throws ProtocolException {
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(4));

        assertError(() -> assembler.onHeader(header(4)), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aHeaderOfAnotherClassIsAnUnexpectedFrame() throws ProtocolException {
        assembler.onMethod(PUBLISH);

        assertError(() -> assembler.onHeader(new Frame.HeaderFrame(1, 50, 1, PROPERTIES)), ReplyCode.UNEXPECTED_FRAME);
    }

    @Test
    void aBodyFrameBeyondTheDeclaredSizeIsAFrameError() throws ProtocolException {
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(3));
        assembler.onBody(body("ab"));

        assertError(() -> assembler.onBody(body("cd")), ReplyCode.FRAME_ERROR);
    }

    @Test
    void aDeclaredBodySizeAboveTheMaximumIsAPreconditionFailure() throws ProtocolException {
        assembler.onMethod(PUBLISH);

        assertError(() -> assembler.onHeader(header(1001)), ReplyCode.PRECONDITION_FAILED);
        assertThat(assembler.onMethod(new AmqpBasic.Ack(1, false))).isFalse();
    }

    @Test
    void theDefaultMaximumIs128MiB() throws ProtocolException {
        ContentAssembler defaults = new ContentAssembler();
        defaults.onMethod(PUBLISH);

        assertThat(defaults.onHeader(header(128L * 1024 * 1024))).isNull();
        defaults.reset();
        defaults.onMethod(PUBLISH);
        assertThatThrownBy(() -> defaults.onHeader(header(128L * 1024 * 1024 + 1)))
            .isInstanceOf(ProtocolException.class);
    }

    @Test
    void errorsCarryThePendingMethodAndResetTheAssembler() throws ProtocolException {
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(3));

        assertThatThrownBy(() -> assembler.onBody(body("abcd")))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.error().classId()).isEqualTo(60);
                assertThat(e.error().methodId()).isEqualTo(40);
            });
        assertThat(assembler.inProgress()).isFalse();
    }

    @Test
    void resetDropsPendingContent() throws ProtocolException {
        assembler.onMethod(PUBLISH);
        assembler.onHeader(header(3));
        assembler.onBody(body("a"));

        assembler.reset();

        assertThat(assembler.inProgress()).isFalse();
        assertThat(assembler.onMethod(PUBLISH)).isTrue();
    }

    @Test
    void rejectsAnImpossibleMaximum() {
        assertThatThrownBy(() -> new ContentAssembler(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentAssembler(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Frame.HeaderFrame header(long bodySize) {
        return new Frame.HeaderFrame(1, 60, bodySize, PROPERTIES);
    }

    private static Frame.BodyFrame body(String text) {
        return new Frame.BodyFrame(1, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertError(ThrowingCallable call, ReplyCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.error().code()).isEqualTo(code));
    }
}
