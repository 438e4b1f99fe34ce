package org.fieldpost.broker.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

    private static BasicProperties props(String expiration, Map<String, Object> headers) {
        return new BasicProperties(null, null, headers, 2, 3, null, null, expiration, null, null, null, null, null,
            null);
    }

    @Test
    void exposesPropertiesDerivedValues() {
        Message m = Message.create(7, "ex", "key", props("1500", null), new byte[] {1, 2, 3}, 10_000);

        assertThat(m.persistent()).isTrue();
        assertThat(m.priority()).isEqualTo(3);
        assertThat(m.bodySize()).isEqualTo(3);
        assertThat(m.expiresAtMillis()).isEqualTo(11_500);
        assertThat(Message.create(8, "", "k", null, null, 1).expiresAtMillis()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "abc", "1.5", " 10", "+5", "99999999999999999999"})
    void invalidExpirationIsRejectedWith406(String expiration) {
        assertThatThrownBy(() -> Message.checkExpiration(props(expiration, null)))
            .isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.error().code()).isEqualTo(ReplyCode.PRECONDITION_FAILED))
            .hasMessageContaining("invalid expiration");
    }

    @Test
    void validExpirationsPass() throws Exception {
        Message.checkExpiration(props("0", null));
        Message.checkExpiration(props("60000", null));
        Message.checkExpiration(props(null, null));
        Message.checkExpiration(null);
    }

    @Test
    void encodedPropertiesCache() {
        Message m = Message.create(1, "", "k", null, null, 1);
        assertThat(m.encodedProperties()).isNull();
        byte[] encoded = {9};
        m.cacheEncodedProperties(encoded);
        assertThat(m.encodedProperties()).isSameAs(encoded);
    }

    @Test
    void deadLetterCopySharesTheBodyAndDropsExpiration() {
        byte[] body = {1};
        Message m = Message.create(1, "ex", "key", props("100", null), body, 1000);
        Message copy = m.withHeadersAndRouting(2, "dlx", "dead", Map.of("h", 1), false, 5000);

        assertThat(copy.id()).isEqualTo(2);
        assertThat(copy.body()).isSameAs(body);
        assertThat(copy.exchange()).isEqualTo("dlx");
        assertThat(copy.routingKey()).isEqualTo("dead");
        assertThat(copy.properties().expiration()).isNull();
        assertThat(copy.expiresAtMillis()).isZero();
        assertThat(copy.properties().headers()).containsEntry("h", 1);
        assertThat(copy.properties().deliveryMode()).isEqualTo(2);
    }

    @Test
    void xDeathIsAddedThenIncrementedAndMovedToTheFront() {
        Message m = Message.create(1, "orders", "o.1", props("100", null), new byte[0], 1000);

        Map<String, Object> first = XDeath.update(m, "q1", "expired", 5_500);
        Message m2 = m.withHeadersAndRouting(2, "dlx", "o.1", first, false, 6000);
        Map<String, Object> second = XDeath.update(m2, "q2", "rejected", 7_000);
        Message m3 = m2.withHeadersAndRouting(3, "dlx", "o.1", second, false, 7000);
        Map<String, Object> third = XDeath.update(m3, "q1", "expired", 9_000);

        List<?> deaths = (List<?>) third.get("x-death");
        assertThat(deaths).hasSize(2);
        Map<?, ?> front = (Map<?, ?>) deaths.get(0);
        assertThat(front.get("queue")).isEqualTo("q1");
        assertThat(front.get("reason")).isEqualTo("expired");
        assertThat(front.get("count")).isEqualTo(2L);
        assertThat(front.get("exchange")).isEqualTo("orders");
        assertThat(front.get("routing-keys")).isEqualTo(List.of("o.1"));
        assertThat(front.get("time")).isEqualTo(new Date(5_000));
        assertThat(front.get("original-expiration")).isEqualTo("100");
        Map<?, ?> back = (Map<?, ?>) deaths.get(1);
        assertThat(back.get("queue")).isEqualTo("q2");
        assertThat(back.get("exchange")).isEqualTo("dlx");
        assertThat(third).containsEntry("x-first-death-reason", "expired")
            .containsEntry("x-first-death-queue", "q1")
            .containsEntry("x-first-death-exchange", "orders")
            .containsEntry("x-last-death-queue", "q1");
    }

    @Test
    void cycleIsDetectedOnlyWithoutRejection() {
        Message m = Message.create(1, "", "q1", null, new byte[0], 1000);
        Map<String, Object> once = XDeath.update(m, "q1", "expired", 2000);

        assertThat(XDeath.isCycle(once, "expired", "q1")).isTrue();
        assertThat(XDeath.isCycle(once, "expired", "q2")).isFalse();
        assertThat(XDeath.isCycle(once, "rejected", "q1")).isFalse();

        Message m2 = m.withHeadersAndRouting(2, "", "q2", once, false, 2000);
        Map<String, Object> rejectedThenExpired = XDeath.update(
            m2.withHeadersAndRouting(3, "", "q2", XDeath.update(m2, "q2", "rejected", 3000), false, 3000),
            "q3", "expired", 4000);
        assertThat(XDeath.isCycle(rejectedThenExpired, "expired", "q1")).isFalse();
        assertThat(XDeath.isCycle(rejectedThenExpired, "expired", "q3")).isTrue();
    }

    @Test
    void fieldValuesCompareAcrossWidths() {
        assertThat(FieldValues.equal(1, 1L)).isTrue();
        assertThat(FieldValues.equal((byte) 1, (short) 1)).isTrue();
        assertThat(FieldValues.equal(1.0f, 1.0d)).isTrue();
        assertThat(FieldValues.equal("ab", "ab".getBytes())).isTrue();
        assertThat(FieldValues.equal(1, "1")).isFalse();
        assertThat(FieldValues.mapsEqual(null, Map.of())).isTrue();
    }
}
