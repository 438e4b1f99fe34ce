package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.Channel;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exchange-to-exchange bindings (RabbitMQ's exchange.bind/unbind extension, advertised by the
 * {@code exchange_exchange_bindings} capability). A message reaches each queue at most once however many
 * paths lead there, and cycles terminate.
 */
class ExchangeToExchangeTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    @Test
    void messageFlowsThroughABoundExchange() throws Exception {
        String source = exchange("direct");
        String destination = exchange("fanout");
        String queue = queueBoundTo(destination, "");
        channel.exchangeBind(destination, source, "route");

        publishConfirmed(channel, source, "route", "through");
        publishConfirmed(channel, source, "other", "not through");

        assertThat(drain(channel, queue)).containsExactly("through");
    }

    @Test
    void topicSourceFiltersWithItsPattern() throws Exception {
        String source = exchange("topic");
        String destination = exchange("direct");
        String queue = queueBoundTo(destination, "eu.orders");
        channel.exchangeBind(destination, source, "eu.#");

        publishConfirmed(channel, source, "eu.orders", "matches both hops");
        publishConfirmed(channel, source, "eu.invoices", "matches only the first hop");
        publishConfirmed(channel, source, "us.orders", "matches neither");

        assertThat(drain(channel, queue)).containsExactly("matches both hops");
    }

    @Test
    void unbindStopsTheFlow() throws Exception {
        String source = exchange("fanout");
        String destination = exchange("fanout");
        String queue = queueBoundTo(destination, "");
        channel.exchangeBind(destination, source, "");
        publishConfirmed(channel, source, "", "before");

        channel.exchangeUnbind(destination, source, "");
        publishConfirmed(channel, source, "", "after");

        assertThat(drain(channel, queue)).containsExactly("before");
    }

    @Test
    void cycleOfExchangesDeliversOnceAndTerminates() throws Exception {
        String first = exchange("fanout");
        String second = exchange("fanout");
        String third = exchange("fanout");
        channel.exchangeBind(second, first, "");
        channel.exchangeBind(third, second, "");
        channel.exchangeBind(first, third, "");
        String queue = queueBoundTo(second, "");

        publishConfirmed(channel, first, "", "round");
        publishConfirmed(channel, third, "", "and round");

        assertThat(drain(channel, queue)).containsExactly("round", "and round");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void exchangeBoundToItselfDoesNotLoop() throws Exception {
        String loop = exchange("fanout");
        channel.exchangeBind(loop, loop, "");
        String queue = queueBoundTo(loop, "");

        publishConfirmed(channel, loop, "", "once");

        assertThat(drain(channel, queue)).containsExactly("once");
    }

    @Test
    void diamondDeliversOneCopyPerQueue() throws Exception {
        String top = exchange("fanout");
        String left = exchange("fanout");
        String right = exchange("fanout");
        channel.exchangeBind(left, top, "");
        channel.exchangeBind(right, top, "");
        String queue = queueBoundTo(left, "");
        channel.queueBind(queue, right, "");

        publishConfirmed(channel, top, "", "one copy");

        assertThat(drain(channel, queue)).containsExactly("one copy");
    }

    @Test
    void deletingTheDestinationRemovesTheBinding() throws Exception {
        String source = exchange("fanout");
        String destination = exchange("fanout");
        channel.exchangeBind(destination, source, "");
        channel.exchangeDelete(destination);
        String queue = queueBoundTo(source, "");

        publishConfirmed(channel, source, "", "still routes to direct bindings");

        assertThat(drain(channel, queue)).containsExactly("still routes to direct bindings");
    }

    @Test
    void bindingFromMissingSourceIsRefusedWith404() throws Exception {
        String destination = exchange("fanout");

        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND,
            () -> channel.exchangeBind(destination, "no-such-source", ""));
    }

    @Test
    void bindingToMissingDestinationIsRefusedWith404() throws Exception {
        String source = exchange("fanout");

        ProtocolErrors.assertChannelError(channel, ReplyCodes.NOT_FOUND,
            () -> channel.exchangeBind("no-such-destination", source, ""));
    }

    private String exchange(String type) throws Exception {
        String name = BrokerExtension.unique("e2e-" + type);
        channel.exchangeDeclare(name, type);
        return name;
    }

    private String queueBoundTo(String exchange, String key) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }
}
