package org.fieldpost.broker.vhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualHostTopologyTest {

    private final HostFixture fx = new HostFixture();
    private final VirtualHost host = fx.host;
    private final Object conn = new Object();
    private final Object otherConn = new Object();

    @AfterEach
    void close() {
        fx.close();
    }

    private static void fails(ReplyCode code, String text, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.error().code()).isEqualTo(code)).hasMessageContaining(text);
    }

    @Test
    void predeclaredExchanges() {
        assertThat(host.exchange("").type()).isEqualTo(ExchangeType.DIRECT);
        assertThat(host.exchange("amq.direct").type()).isEqualTo(ExchangeType.DIRECT);
        assertThat(host.exchange("amq.fanout").type()).isEqualTo(ExchangeType.FANOUT);
        assertThat(host.exchange("amq.topic").type()).isEqualTo(ExchangeType.TOPIC);
        assertThat(host.exchange("amq.headers").type()).isEqualTo(ExchangeType.HEADERS);
        assertThat(host.exchange("amq.match").type()).isEqualTo(ExchangeType.HEADERS);
    }

    @Test
    void declareExchangeErrors() throws Exception {
        fails(ReplyCode.NOT_FOUND, "no exchange 'nope' in vhost '/'",
            () -> host.declareExchange("nope", "direct", true, false, false, false, null));
        fails(ReplyCode.COMMAND_INVALID, "unknown exchange type 'fancy'",
            () -> host.declareExchange("x", "fancy", false, false, false, false, null));
        fails(ReplyCode.ACCESS_REFUSED, "reserved prefix 'amq.*'",
            () -> host.declareExchange("amq.mine", "direct", false, false, false, false, null));
        fails(ReplyCode.ACCESS_REFUSED, "default exchange",
            () -> host.declareExchange("", "direct", false, true, false, false, null));
        assertThat(host.declareExchange("amq.topic", "", true, false, false, false, null).type())
            .isEqualTo(ExchangeType.TOPIC);
    }

    @Test
    void redeclaringAnExchangeMustBeEquivalent() throws Exception {
        Exchange x = host.declareExchange("x", "direct", false, true, false, false, Map.of("a", 1));
        assertThat(host.declareExchange("x", "direct", false, true, false, false, Map.of("a", 1L))).isSameAs(x);

        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'type' for exchange 'x' in vhost '/'",
            () -> host.declareExchange("x", "fanout", false, true, false, false, Map.of("a", 1)));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'durable'",
            () -> host.declareExchange("x", "direct", false, false, false, false, Map.of("a", 1)));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'auto_delete'",
            () -> host.declareExchange("x", "direct", false, true, true, false, Map.of("a", 1)));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'internal'",
            () -> host.declareExchange("x", "direct", false, true, false, true, Map.of("a", 1)));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'arguments'",
            () -> host.declareExchange("x", "direct", false, true, false, false, Map.of()));
    }

    @Test
    void deleteExchangeRules() throws Exception {
        host.deleteExchange("missing", false, null);
        fails(ReplyCode.ACCESS_REFUSED, "default exchange", () -> host.deleteExchange("", false, null));
        fails(ReplyCode.ACCESS_REFUSED, "reserved prefix", () -> host.deleteExchange("amq.direct", false, null));

        host.declareExchange("x", "direct", false, false, false, false, null);
        host.declareQueue("q", false, false, false, false, null, conn);
        host.bindQueue("q", "x", "k", null, conn);
        fails(ReplyCode.PRECONDITION_FAILED, "exchange 'x' in vhost '/' in use",
            () -> host.deleteExchange("x", true, null));

        host.deleteExchange("x", false, null);
        assertThat(host.exchange("x")).isNull();
    }

    @Test
    void deletingAnExchangeRemovesBindingsToIt() throws Exception {
        host.declareExchange("src", "fanout", false, false, false, false, null);
        host.declareExchange("dst", "fanout", false, false, false, false, null);
        host.bindExchange("dst", "src", "", null, null);

        host.deleteExchange("dst", false, null);

        assertThat(host.exchange("src").hasBindings()).isFalse();
    }

    @Test
    void declareQueueRules() throws Exception {
        MessageQueue generated = host.declareQueue("", false, false, true, true, null, conn);
        assertThat(generated.name()).startsWith("amq.gen-").hasSizeGreaterThan(20);
        fails(ReplyCode.ACCESS_REFUSED, "queue name 'amq.q' contains reserved prefix 'amq.*'",
            () -> host.declareQueue("amq.q", false, false, false, false, null, conn));
        fails(ReplyCode.NOT_FOUND, "no queue 'q' in vhost '/'",
            () -> host.declareQueue("q", true, false, false, false, null, conn));
        fails(ReplyCode.NOT_FOUND, "no queue '' in vhost '/'",
            () -> host.declareQueue("", true, false, false, false, null, conn));
        fails(ReplyCode.PRECONDITION_FAILED, "invalid arg 'x-max-length'",
            () -> host.declareQueue("q", false, false, false, false, Map.of("x-max-length", -1), conn));
        assertThat(host.queue("q")).isNull();
    }

    @Test
    void redeclaringAQueueMustBeEquivalent() throws Exception {
        MessageQueue q = host.declareQueue("q", false, true, false, false, Map.of("x-message-ttl", 10), conn);
        assertThat(host.declareQueue("q", false, true, false, false, Map.of("x-message-ttl", 10L), conn)).isSameAs(q);
        assertThat(host.declareQueue("q", true, false, false, false, null, otherConn)).isSameAs(q);

        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'durable' for queue 'q' in vhost '/'",
            () -> host.declareQueue("q", false, false, false, false, Map.of("x-message-ttl", 10), conn));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'auto_delete'",
            () -> host.declareQueue("q", false, true, false, true, Map.of("x-message-ttl", 10), conn));
        fails(ReplyCode.PRECONDITION_FAILED, "inequivalent arg 'x-message-ttl'",
            () -> host.declareQueue("q", false, true, false, false, Map.of("x-message-ttl", 11), conn));
        fails(ReplyCode.RESOURCE_LOCKED, "cannot obtain exclusive access",
            () -> host.declareQueue("q", false, true, true, false, Map.of("x-message-ttl", 10), conn));
    }

    @Test
    void exclusiveQueueIsLockedToItsConnection() throws Exception {
        host.declareQueue("mine", false, false, true, false, null, conn);
        host.declareExchange("x", "direct", false, false, false, false, null);
        String locked = "cannot obtain exclusive access to locked queue 'mine' in vhost '/'";

        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.declareQueue("mine", true, false, false, false, null,
            otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.declareQueue("mine", false, false, true, false, null,
            otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.bindQueue("mine", "x", "k", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.unbindQueue("mine", "x", "k", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.purgeQueue("mine", otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.deleteQueue("mine", false, false, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.lookupQueue("mine", otherConn));

        assertThat(host.lookupQueue("mine", conn).exclusive()).isTrue();
        host.bindQueue("mine", "x", "k", null, conn);
        host.connectionClosed(otherConn);
        assertThat(host.queue("mine")).isNotNull();
        host.connectionClosed(conn);
        assertThat(host.queue("mine")).isNull();
        assertThat(host.exchange("x").hasBindings()).isFalse();
    }

    @Test
    void exclusiveExchangeIsLockedToItsConnection() throws Exception {
        host.declareExchange("tmp", "fanout", false, false, false, false, Map.of("x-exclusive", true), conn);
        host.declareExchange("other", "fanout", false, false, false, false, null, otherConn);
        host.declareQueue("q", false, false, false, false, null, conn);
        host.bindQueue("q", "tmp", "", null, conn);
        String locked = "cannot obtain exclusive access to exchange 'tmp' in vhost '/'";

        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.deleteExchange("tmp", false, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.declareExchange("tmp", "fanout", true, false, false,
            false, null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.declareExchange("tmp", "fanout", false, false, false,
            false, Map.of("x-exclusive", true), otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.bindQueue("q", "tmp", "k", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.unbindQueue("q", "tmp", "", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.bindExchange("other", "tmp", "", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.bindExchange("tmp", "other", "", null, otherConn));
        fails(ReplyCode.RESOURCE_LOCKED, locked, () -> host.unbindExchange("tmp", "other", "", null, otherConn));
        assertThat(host.exchange("tmp").hasBindings()).isTrue();

        host.bindExchange("tmp", "other", "", null, conn);
        host.unbindExchange("tmp", "other", "", null, conn);
        host.deleteExchange("tmp", false, conn);
        assertThat(host.exchange("tmp")).isNull();
    }

    @Test
    void deleteAndPurgeQueueRules() throws Exception {
        assertThat(host.deleteQueue("missing", false, false, conn)).isZero();
        fails(ReplyCode.NOT_FOUND, "no queue 'missing'", () -> host.purgeQueue("missing", conn));
        fails(ReplyCode.NOT_FOUND, "no queue 'missing'", () -> host.lookupQueue("missing", conn));

        host.declareQueue("q", false, false, false, false, null, conn);
        host.publish("", fx.message("q", "a"));
        host.publish("", fx.message("q", "b"));
        fails(ReplyCode.PRECONDITION_FAILED, "queue 'q' in vhost '/' is not empty",
            () -> host.deleteQueue("q", false, true, conn));
        assertThat(host.purgeQueue("q", conn)).isEqualTo(2);
        host.publish("", fx.message("q", "c"));
        assertThat(host.deleteQueue("q", true, false, conn)).isEqualTo(1);
        assertThat(host.queue("q")).isNull();
    }

    @Test
    void bindingRules() throws Exception {
        host.declareQueue("q", false, false, false, false, null, conn);
        host.declareExchange("x", "headers", false, false, false, false, null);

        fails(ReplyCode.ACCESS_REFUSED, "default exchange", () -> host.bindQueue("q", "", "q", null, conn));
        fails(ReplyCode.ACCESS_REFUSED, "default exchange", () -> host.unbindQueue("q", "", "q", null, conn));
        fails(ReplyCode.NOT_FOUND, "no queue 'nq'", () -> host.bindQueue("nq", "x", "", null, conn));
        fails(ReplyCode.NOT_FOUND, "no exchange 'nx'", () -> host.bindQueue("q", "nx", "", null, conn));
        fails(ReplyCode.NOT_FOUND, "no exchange 'nx'", () -> host.unbindQueue("q", "nx", "", null, conn));
        fails(ReplyCode.PRECONDITION_FAILED, "x-match",
            () -> host.bindQueue("q", "x", "", Map.of("x-match", "most"), conn));
        fails(ReplyCode.ACCESS_REFUSED, "default exchange", () -> host.bindExchange("", "x", "", null, null));
        fails(ReplyCode.ACCESS_REFUSED, "default exchange", () -> host.bindExchange("x", "", "", null, null));
        fails(ReplyCode.NOT_FOUND, "no exchange 'nx'", () -> host.bindExchange("nx", "x", "", null, null));
        fails(ReplyCode.NOT_FOUND, "no exchange 'nx'", () -> host.bindExchange("x", "nx", "", null, null));
        fails(ReplyCode.NOT_FOUND, "no exchange 'nx'", () -> host.unbindExchange("x", "nx", "", null, null));

        host.unbindQueue("q", "x", "never-bound", null, conn);
        host.unbindExchange("amq.fanout", "x", "never-bound", null, null);
    }

    @Test
    void autoDeleteExchangeGoesWithItsLastBinding() throws Exception {
        host.declareExchange("ad", "direct", false, false, true, false, null);
        host.declareQueue("q1", false, false, false, false, null, conn);
        host.declareQueue("q2", false, false, false, false, null, conn);
        host.bindQueue("q1", "ad", "k", null, conn);
        host.bindQueue("q2", "ad", "k", null, conn);

        host.unbindQueue("q1", "ad", "k", null, conn);
        assertThat(host.exchange("ad")).isNotNull();
        host.deleteQueue("q2", false, false, conn);
        assertThat(host.exchange("ad")).isNull();
    }

    @Test
    void publishErrors() throws Exception {
        host.declareExchange("int", "fanout", false, false, false, true, null);
        fails(ReplyCode.NOT_FOUND, "no exchange 'none' in vhost '/'", () -> host.publish("none", fx.message("k", "")));
        fails(ReplyCode.ACCESS_REFUSED, "cannot publish to internal exchange 'int'",
            () -> host.publish("int", fx.message("k", "")));
    }
}
