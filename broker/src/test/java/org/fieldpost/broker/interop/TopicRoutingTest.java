package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import org.fieldpost.broker.testing.BrokerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic exchanges match dot-separated words; {@code *} is exactly one word, {@code #} zero or more
 * (section 3.1.3.3). Word splitting follows RabbitMQ: the empty key has zero words, {@code "a..b"} has an
 * empty middle word and {@code "."} is two empty words.
 */
class TopicRoutingTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;
    private String exchange;

    @BeforeEach
    void declareExchange() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
        exchange = BrokerExtension.unique("topic");
        channel.exchangeDeclare(exchange, "topic");
    }

    @ParameterizedTest(name = "binding \"{0}\" vs key \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "'#'       | ''         | true",
        "'#'       | a          | true",
        "'#'       | a.b.c      | true",
        "'#'       | .          | true",
        "*         | a          | true",
        "*         | ''         | false",
        "*         | a.b        | false",
        "*         | .          | false",
        "*.*       | .          | true",
        "*.*       | a.b        | true",
        "*.*       | a          | false",
        "a.*       | a.b        | true",
        "a.*       | a          | false",
        "a.*       | a.b.c      | false",
        "a.#       | a          | true",
        "a.#       | a.b.c      | true",
        "a.#       | b.a        | false",
        "'#.b'     | b          | true",
        "'#.b'     | a.b        | true",
        "'#.b'     | a.b.c      | false",
        "a.#.b     | a.b        | true",
        "a.#.b     | a.x.b      | true",
        "a.#.b     | a.x.y.b    | true",
        "a.#.b     | a.b.c      | false",
        "a.#.b     | b.a.b      | false",
        "'#.#'     | ''         | true",
        "'#.#'     | a          | true",
        "'#.#'     | a.b.c      | true",
        "a.*.#     | a          | false",
        "a.*.#     | a.b        | true",
        "a.*.#     | a.b.c.d    | true",
        "'#.*'     | ''         | false",
        "'#.*'     | a          | true",
        "a.b       | a.b        | true",
        "a.b       | a.B        | false",
        "a.b       | a.b.       | false",
        "a..b      | a..b       | true",
        "a..b      | a.b        | false",
        "a.*.b     | a..b       | true",
        "a.#.b     | a..b       | true",
        ".         | .          | true",
        ".         | ''         | false",
        "''        | ''         | true",
        "''        | a          | false",
        "a.        | a.         | true",
        "a.*       | a.         | true",
        "*.b       | .b         | true",
    })
    void bindingKeyMatchesRoutingKey(String bindingKey, String routingKey, boolean matches) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, bindingKey);

        publishConfirmed(channel, exchange, routingKey, "probe");

        if (matches) {
            assertThat(drain(channel, queue)).containsExactly("probe");
        } else {
            assertThat(drain(channel, queue)).isEmpty();
        }
    }

    @Test
    void overlappingPatternsOnOneQueueDeliverOneCopy() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, "stock.#");
        channel.queueBind(queue, exchange, "*.nyse");
        channel.queueBind(queue, exchange, "stock.nyse");

        publishConfirmed(channel, exchange, "stock.nyse", "ibm");

        assertThat(drain(channel, queue)).containsExactly("ibm");
    }

    @Test
    void patternsSelectAmongSeveralQueues() throws Exception {
        String all = boundQueue("#");
        String eur = boundQueue("prices.eur.*");
        String anyCurrencyTick = boundQueue("prices.*.tick");

        publishConfirmed(channel, exchange, "prices.eur.tick", "t1");
        publishConfirmed(channel, exchange, "prices.usd.tick", "t2");
        publishConfirmed(channel, exchange, "prices.eur.close", "c1");
        publishConfirmed(channel, exchange, "news", "n1");

        assertThat(drain(channel, all)).containsExactly("t1", "t2", "c1", "n1");
        assertThat(drain(channel, eur)).containsExactly("t1", "c1");
        assertThat(drain(channel, anyCurrencyTick)).containsExactly("t1", "t2");
    }

    @Test
    void unbindRemovesOnlyThatPattern() throws Exception {
        String queue = boundQueue("a.*");
        channel.queueBind(queue, exchange, "#.z");

        channel.queueUnbind(queue, exchange, "a.*");
        publishConfirmed(channel, exchange, "a.b", "unbound pattern");
        publishConfirmed(channel, exchange, "a.z", "still bound pattern");

        assertThat(drain(channel, queue)).containsExactly("still bound pattern");
    }

    @Test
    void predeclaredAmqTopicRoutes() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        String word = BrokerExtension.unique("w");
        channel.queueBind(queue, "amq.topic", word + ".#");

        publishConfirmed(channel, "amq.topic", word + ".x.y", "hello");

        assertThat(drain(channel, queue)).containsExactly("hello");
    }

    private String boundQueue(String pattern) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, pattern);
        return queue;
    }
}
