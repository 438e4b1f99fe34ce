package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.drain;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.HashMap;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers exchanges match message headers against binding arguments with x-match all/any (section 3.1.3.4). */
class HeadersRoutingTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;
    private String exchange;

    @BeforeEach
    void declareExchange() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
        exchange = BrokerExtension.unique("headers");
        channel.exchangeDeclare(exchange, "headers");
    }

    @Test
    void matchAllNeedsEveryBindingHeaderWithEqualValue() throws Exception {
        String queue = boundQueue(exchange, args("all", "format", "pdf", "type", "report"));

        publishConfirmed(channel, exchange, "", headers("format", "pdf", "type", "report"), "exact");
        publishConfirmed(channel, exchange, "", headers("format", "pdf", "type", "report", "x", "extra"), "superset");
        publishConfirmed(channel, exchange, "", headers("format", "pdf"), "missing type");
        publishConfirmed(channel, exchange, "", headers("format", "pdf", "type", "log"), "wrong type");
        publishConfirmed(channel, exchange, "", null, "no headers");

        assertThat(drain(channel, queue)).containsExactly("exact", "superset");
    }

    @Test
    void matchAnyNeedsOneBindingHeaderWithEqualValue() throws Exception {
        String queue = boundQueue(exchange, args("any", "format", "pdf", "type", "report"));

        publishConfirmed(channel, exchange, "", headers("format", "pdf"), "format only");
        publishConfirmed(channel, exchange, "", headers("type", "report", "format", "zip"), "type only");
        publishConfirmed(channel, exchange, "", headers("format", "zip", "type", "log"), "neither value");
        publishConfirmed(channel, exchange, "", headers("colour", "red"), "other header");
        publishConfirmed(channel, exchange, "", null, "no headers");

        assertThat(drain(channel, queue)).containsExactly("format only", "type only");
    }

    @Test
    void xMatchDefaultsToAll() throws Exception {
        Map<String, Object> bindingArgs = new HashMap<>();
        bindingArgs.put("a", "1");
        bindingArgs.put("b", "2");
        String queue = boundQueue(exchange, bindingArgs);

        publishConfirmed(channel, exchange, "", headers("a", "1"), "partial");
        publishConfirmed(channel, exchange, "", headers("a", "1", "b", "2"), "complete");

        assertThat(drain(channel, queue)).containsExactly("complete");
    }

    @Test
    void routingKeyIsIgnored() throws Exception {
        String queue = boundQueue(exchange, args("all", "k", "v"));
        channel.queueBind(queue, exchange, "some-key", args("all", "never", "matches"));

        publishConfirmed(channel, exchange, "some-key", headers("k", "v"), "by headers");
        publishConfirmed(channel, exchange, "some-key", headers("other", "v"), "key alone is not enough");

        assertThat(drain(channel, queue)).containsExactly("by headers");
    }

    @Test
    void matchAllWithNoBindingHeadersMatchesEveryMessage() throws Exception {
        Map<String, Object> bindingArgs = new HashMap<>();
        bindingArgs.put("x-match", "all");
        String queue = boundQueue(exchange, bindingArgs);

        publishConfirmed(channel, exchange, "", headers("anything", "at all"), "with headers");
        publishConfirmed(channel, exchange, "", null, "without headers");

        assertThat(drain(channel, queue)).containsExactly("with headers", "without headers");
    }

    @Test
    void predeclaredAmqMatchIsAHeadersExchange() throws Exception {
        String marker = BrokerExtension.unique("marker");
        String queue = boundQueue("amq.match", args("any", "marker", marker));

        publishConfirmed(channel, "amq.match", "", headers("marker", marker), "matched");
        publishConfirmed(channel, "amq.match", "", headers("marker", "someone else"), "not matched");

        assertThat(drain(channel, queue)).containsExactly("matched");
    }

    @Test
    void invalidXMatchValueIsRefusedWith406() throws Exception {
        String queue = channel.queueDeclare().getQueue();

        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueBind(queue, exchange, "", args("some", "k", "v")));
    }

    private String boundQueue(String source, Map<String, Object> bindingArgs) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, source, "", bindingArgs);
        return queue;
    }

    private static Map<String, Object> args(String xMatch, String... keyValues) {
        Map<String, Object> map = pairs(keyValues);
        map.put("x-match", xMatch);
        return map;
    }

    private static AMQP.BasicProperties headers(String... keyValues) {
        return new AMQP.BasicProperties.Builder().headers(pairs(keyValues)).build();
    }

    private static Map<String, Object> pairs(String... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
