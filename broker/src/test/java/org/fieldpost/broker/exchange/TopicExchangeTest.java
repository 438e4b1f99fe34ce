package org.fieldpost.broker.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicExchangeTest {

    private final TopicExchange exchange =
        (TopicExchange) Exchange.create(ExchangeType.TOPIC, "t", false, false, false, Map.of());

    @ParameterizedTest(name = "pattern \"{0}\" vs key \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "#|''|true",
        "#|a|true",
        "#|a.b.c|true",
        "#|.|true",
        "''|''|true",
        "''|a|false",
        "*|''|false",
        "*|a|true",
        "*|a.b|false",
        "a.*|a|false",
        "a.*|a.b|true",
        "a.*|a.|true",
        "a.*|a.b.c|false",
        "*.b|.b|true",
        "*.b|b|false",
        "#.a|a|true",
        "#.a|x.y.a|true",
        "#.a|a.x|false",
        "a.#|a|true",
        "a.#.b|a.b|true",
        "a.#.b|a.x.y.b|true",
        "a.#.b|a.x.y.c|false",
        "#.#|''|true",
        "#.#|a.b|true",
        "a..b|a..b|true",
        "a.*.b|a..b|true",
        "a..b|a.b|false",
        "*.*|.|true",
        "*|.|false",
        "a.b|a.b|true",
        "a.b|a.b.c|false",
        "#.b.#|b|true",
        "#.b.#|x.b.y.z|true",
        "*.#|''|false",
        "*.#|a|true",
        "#.*|a.b|true"
    })
    void matchesLikeRabbitMq(String pattern, String key, boolean matches) {
        Dest q = new Dest("q");
        exchange.bind(new Binding("t", q, pattern, null));

        assertThat(route(key)).isEqualTo(matches ? Set.of(q) : Set.of());
    }

    @Test
    void manyPatternsMatchingOneKeyEachYieldTheirDestinationOnce() {
        Dest a = new Dest("a");
        Dest b = new Dest("b");
        Dest c = new Dest("c");
        Dest d = new Dest("d");
        bind(a, "stock.#");
        bind(a, "stock.usd.*");
        bind(b, "*.usd.nyse");
        bind(c, "#");
        bind(d, "stock.eur.*");

        assertThat(route("stock.usd.nyse")).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void unbindingRemovesOnlyThatBinding() {
        Dest a = new Dest("a");
        Dest b = new Dest("b");
        bind(a, "x.*");
        bind(a, "x.#");
        bind(b, "x.*");

        exchange.unbind(new Binding("t", a, "x.*", null));

        assertThat(route("x.y")).containsExactlyInAnyOrder(a, b);
        exchange.unbind(new Binding("t", a, "x.#", null));
        assertThat(route("x.y")).containsExactly(b);
        assertThat(route("x")).isEmpty();
    }

    @Test
    void unbindingPrunesTheTrie() {
        int empty = exchange.trieNodeCount();
        Dest a = new Dest("a");
        bind(a, "a.b.c.d");
        bind(a, "a.b.*");
        assertThat(exchange.trieNodeCount()).isEqualTo(empty + 5);

        exchange.unbind(new Binding("t", a, "a.b.c.d", null));
        assertThat(exchange.trieNodeCount()).isEqualTo(empty + 3);
        exchange.unbind(new Binding("t", a, "a.b.*", null));
        assertThat(exchange.trieNodeCount()).isEqualTo(empty);
    }

    @Test
    void routingCostDoesNotGrowWithTheNumberOfBindings() {
        Dest target = new Dest("target");
        bind(target, "orders.eu.*");
        int costWithOneBinding = exchange.routeCost("orders.eu.paris", new HashSet<>());

        for (int i = 0; i < 10_000; i++) {
            bind(new Dest("q" + i), "orders.region" + i + ".*");
            bind(new Dest("r" + i), "other" + i + ".#");
        }
        Set<Destination> out = new HashSet<>();
        int costWithManyBindings = exchange.routeCost("orders.eu.paris", out);

        assertThat(out).containsExactly(target);
        assertThat(costWithManyBindings).isEqualTo(costWithOneBinding);
        assertThat(exchange.trieNodeCount()).isGreaterThan(20_000);
    }

    @Test
    void consecutiveHashesAreCollapsed() {
        assertThat(TopicTrie.patternWords("#.#.a.#.#")).containsExactly("#", "a", "#");
        assertThat(TopicTrie.words("")).isEmpty();
        assertThat(TopicTrie.words(".")).containsExactly("", "");
    }

    private void bind(Destination d, String pattern) {
        exchange.bind(new Binding("t", d, pattern, null));
    }

    private Set<Destination> route(String key) {
        Set<Destination> out = new HashSet<>();
        exchange.route(Message.create(1, "t", key, null, new byte[0], 1), out);
        return out;
    }

    /** A destination with value equality is fine here: every test uses distinct names. */
    record Dest(String name) implements Destination {
    }
}
