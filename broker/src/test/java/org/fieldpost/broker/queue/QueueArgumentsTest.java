package org.fieldpost.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueueArgumentsTest {

    @Test
    void parsesEveryKnownArgument() throws Exception {
        QueueArguments a = QueueArguments.parse("q", "/", Map.of("x-message-ttl", 5, "x-expires", 10L,
            "x-max-length", (short) 3, "x-max-length-bytes", 100, "x-overflow", "reject-publish-dlx",
            "x-dead-letter-exchange", "dlx", "x-dead-letter-routing-key", "dead".getBytes(), "x-max-priority", 10,
            "x-unknown", "kept"), 0);

        assertThat(a).isEqualTo(new QueueArguments(5L, 10L, 3L, 100L, QueueArguments.Overflow.REJECT_PUBLISH_DLX,
            "dlx", "dead", 10));
    }

    @Test
    void defaultMaxPriorityComesFromTheVirtualHost() throws Exception {
        assertThat(QueueArguments.parse("q", "/", Map.of(), 9).maxPriority()).isEqualTo(9);
        assertThat(QueueArguments.parse("q", "/", Map.of("x-max-priority", 2), 9).maxPriority()).isEqualTo(2);
        assertThat(QueueArguments.parse("q", "/", null, 0)).isEqualTo(QueueArguments.NONE);
    }

    static Object[][] invalid() {
        return new Object[][] {
            {Map.of("x-message-ttl", -1)},
            {Map.of("x-message-ttl", "10")},
            {Map.of("x-expires", 0)},
            {Map.of("x-max-length", -5L)},
            {Map.of("x-max-length-bytes", 1.5)},
            {Map.of("x-overflow", "drop-tail")},
            {Map.of("x-dead-letter-exchange", 7)},
            {Map.of("x-dead-letter-routing-key", "k")},
            {Map.of("x-max-priority", 0)},
            {Map.of("x-max-priority", 256)},
        };
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWrongTypesAndValuesWith406(Map<String, Object> args) {
        assertThatThrownBy(() -> QueueArguments.parse("q", "/", args, 0))
            .isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.error().code()).isEqualTo(ReplyCode.PRECONDITION_FAILED))
            .hasMessageContaining("invalid arg 'x-")
            .hasMessageContaining("for queue 'q' in vhost '/'");
    }

    @Test
    void equivalenceComparesKnownArgumentsByValue() {
        assertThat(QueueArguments.inequivalence("q", "/", Map.of("x-message-ttl", 5),
            Map.of("x-message-ttl", 5L, "x-other", 1))).isNull();
        assertThat(QueueArguments.inequivalence("q", "/", Map.of(), Map.of("x-message-ttl", 2000)))
            .isEqualTo("inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': received '2000' but current "
                + "is none");
    }
}
