package org.fieldpost.broker.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.exchange.TopicExchangeTest.Dest;
import org.fieldpost.broker.message.Message;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;

class ExchangeRoutingTest {

    private final Dest q1 = new Dest("q1");
    private final Dest q2 = new Dest("q2");
    private final Dest q3 = new Dest("q3");

    @Test
    void directRoutesOnExactKey() {
        Exchange x = Exchange.create(ExchangeType.DIRECT, "d", false, false, false, null);
        x.bind(new Binding("d", q1, "a", null));
        x.bind(new Binding("d", q2, "a", null));
        x.bind(new Binding("d", q3, "b", null));

        assertThat(route(x, "a")).containsExactlyInAnyOrder(q1, q2);
        assertThat(route(x, "b")).containsExactly(q3);
        assertThat(route(x, "c")).isEmpty();
    }

    @Test
    void directBindingsWithDifferentArgumentsAreDistinct() {
        Exchange x = Exchange.create(ExchangeType.DIRECT, "d", false, false, false, null);
        assertThat(x.bind(new Binding("d", q1, "a", Map.of("v", 1)))).isTrue();
        assertThat(x.bind(new Binding("d", q1, "a", Map.of("v", 2)))).isTrue();
        assertThat(x.bind(new Binding("d", q1, "a", Map.of("v", 1L)))).isFalse();

        x.unbind(new Binding("d", q1, "a", Map.of("v", 1)));
        assertThat(route(x, "a")).containsExactly(q1);
        x.unbind(new Binding("d", q1, "a", Map.of("v", 2)));
        assertThat(route(x, "a")).isEmpty();
        assertThat(((DirectExchange) x).keyCount()).isZero();
        assertThat(x.hasBindings()).isFalse();
    }

    @Test
    void fanoutRoutesToAllIgnoringKey() {
        Exchange x = Exchange.create(ExchangeType.FANOUT, "f", false, false, false, null);
        x.bind(new Binding("f", q1, "", null));
        x.bind(new Binding("f", q2, "whatever", null));

        assertThat(route(x, "any")).containsExactlyInAnyOrder(q1, q2);
        x.unbindAll(q1);
        assertThat(route(x, "any")).containsExactly(q2);
    }

    @Test
    void unbindAllRemovesEveryBindingOfOneDestinationAndNoOther() {
        Exchange x = Exchange.create(ExchangeType.TOPIC, "t", false, false, false, null);
        x.bind(new Binding("t", q1, "a.*", null));
        x.bind(new Binding("t", q1, "b.#", null));
        x.bind(new Binding("t", q2, "a.*", null));

        assertThat(x.unbindAll(q1)).extracting(Binding::routingKey).containsExactlyInAnyOrder("a.*", "b.#");
        assertThat(route(x, "a.x")).containsExactly(q2);
        assertThat(route(x, "b.x")).isEmpty();
        assertThat(x.bindings()).extracting(Binding::destination).containsExactly(q2);
        assertThat(x.unbindAll(q1)).isEmpty();
        assertThat(x.hasBindings()).isTrue();
        assertThat(x.unbind(new Binding("t", q2, "a.*", null))).isTrue();
        assertThat(x.unbind(new Binding("t", q2, "a.*", null))).isFalse();
        assertThat(x.hasBindings()).isFalse();
        assertThat(x.bindings()).isEmpty();
    }

    /** A queue deleted and declared again under its name is another destination: bindings go by identity. */
    @Test
    void equalButDistinctDestinationsKeepTheirOwnBindings() {
        Dest again = new Dest("q1");
        Exchange x = Exchange.create(ExchangeType.DIRECT, "d", false, false, false, null);
        x.bind(new Binding("d", q1, "k", null));
        assertThat(x.bind(new Binding("d", again, "k", null))).isTrue();

        assertThat(x.unbindAll(q1)).singleElement().extracting(Binding::destination).isSameAs(q1);
        assertThat(route(x, "k")).singleElement().isSameAs(again);
        assertThat(x.bindings()).singleElement().extracting(Binding::destination).isSameAs(again);
    }

    @Test
    void headersAllAndAny() {
        Exchange x = Exchange.create(ExchangeType.HEADERS, "h", false, false, false, null);
        x.bind(new Binding("h", q1, "", Map.of("x-match", "all", "format", "pdf", "type", "report")));
        x.bind(new Binding("h", q2, "", Map.of("x-match", "any", "format", "zip", "type", "report")));
        x.bind(new Binding("h", q3, "", Map.of("format", "pdf")));

        assertThat(routeHeaders(x, Map.of("format", "pdf", "type", "report"))).containsExactlyInAnyOrder(q1, q2, q3);
        assertThat(routeHeaders(x, Map.of("format", "pdf", "type", "log"))).containsExactly(q3);
        assertThat(routeHeaders(x, Map.of("format", "zip"))).containsExactly(q2);
        assertThat(routeHeaders(x, Map.of())).isEmpty();
        assertThat(routeHeaders(x, null)).isEmpty();
    }

    @Test
    void headersComparesNumbersByValueAndVoidMeansPresent() {
        Exchange x = Exchange.create(ExchangeType.HEADERS, "h", false, false, false, null);
        x.bind(new Binding("h", q1, "", Map.of("n", 5)));
        Map<String, Object> presence = new HashMap<>();
        presence.put("flag", null);
        x.bind(new Binding("h", q2, "", presence));

        assertThat(routeHeaders(x, Map.of("n", 5L))).containsExactly(q1);
        assertThat(routeHeaders(x, Map.of("n", "5"))).isEmpty();
        assertThat(routeHeaders(x, Map.of("flag", "anything"))).containsExactly(q2);
    }

    @Test
    void headersIgnoresXArgumentsUnlessWithX() {
        Exchange x = Exchange.create(ExchangeType.HEADERS, "h", false, false, false, null);
        x.bind(new Binding("h", q1, "", Map.of("x-match", "all", "x-tenant", "a", "k", "v")));
        x.bind(new Binding("h", q2, "", Map.of("x-match", "all-with-x", "x-tenant", "a", "k", "v")));
        x.bind(new Binding("h", q3, "", Map.of("x-match", "any-with-x", "x-tenant", "a")));

        assertThat(routeHeaders(x, Map.of("k", "v"))).containsExactly(q1);
        assertThat(routeHeaders(x, Map.of("k", "v", "x-tenant", "a"))).containsExactlyInAnyOrder(q1, q2, q3);
    }

    @Test
    void headersAllWithNoArgumentsMatchesEverythingAndAnyNothing() {
        Exchange x = Exchange.create(ExchangeType.HEADERS, "h", false, false, false, null);
        x.bind(new Binding("h", q1, "", Map.of()));
        x.bind(new Binding("h", q2, "", Map.of("x-match", "any")));

        assertThat(routeHeaders(x, Map.of("a", 1))).containsExactly(q1);
    }

    @Test
    void headersRejectsAnInvalidXMatch() {
        Exchange x = Exchange.create(ExchangeType.HEADERS, "h", false, false, false, null);
        assertThatThrownBy(() -> x.validateBinding("", Map.of("x-match", "some")))
            .isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.error().code()).isEqualTo(ReplyCode.PRECONDITION_FAILED));
    }

    @Test
    void exchangeToExchangeBindingsRouteFurtherAndDeduplicate() {
        Exchange source = Exchange.create(ExchangeType.TOPIC, "src", false, false, false, null);
        Exchange middle = Exchange.create(ExchangeType.FANOUT, "mid", false, false, false, null);
        Exchange other = Exchange.create(ExchangeType.DIRECT, "oth", false, false, false, null);
        source.bind(new Binding("src", middle, "a.#", null));
        source.bind(new Binding("src", other, "#", null));
        source.bind(new Binding("src", q1, "a.b", null));
        middle.bind(new Binding("mid", q1, "", null));
        middle.bind(new Binding("mid", q2, "", null));
        other.bind(new Binding("oth", q3, "a.b", null));

        Set<Destination> result = source.routeTransitively(message("a.b", null));

        assertThat(result).containsExactlyInAnyOrder(q1, q2, q3);
    }

    @Test
    void exchangeBindingCycleTerminatesVisitingEachExchangeOnce() {
        Exchange a = Exchange.create(ExchangeType.FANOUT, "a", false, false, false, null);
        Exchange b = Exchange.create(ExchangeType.FANOUT, "b", false, false, false, null);
        a.bind(new Binding("a", b, "", null));
        b.bind(new Binding("b", a, "", null));
        b.bind(new Binding("b", q1, "", null));
        a.bind(new Binding("a", a, "", null));

        assertThat(a.routeTransitively(message("k", null))).containsExactly(q1);
        assertThat(b.routeTransitively(message("k", null))).containsExactly(q1);
    }

    private static Set<Destination> route(Exchange x, String key) {
        Set<Destination> out = new HashSet<>();
        x.route(message(key, null), out);
        return out;
    }

    private static Set<Destination> routeHeaders(Exchange x, Map<String, Object> headers) {
        Set<Destination> out = new HashSet<>();
        x.route(message("", headers), out);
        return out;
    }

    private static Message message(String key, Map<String, Object> headers) {
        BasicProperties props = new BasicProperties(null, null,
            headers == null ? null : new LinkedHashMap<>(headers), null, null, null, null, null, null, null, null,
            null, null, null);
        return Message.create(1, "x", key, props, new byte[0], 1);
    }
}
