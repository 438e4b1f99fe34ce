package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldpost.broker.testing.Messages.publishConfirmed;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.Map;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.fieldpost.broker.testing.XDeath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message TTL: the queue argument x-message-ttl and the per-message expiration property (milliseconds as
 * a decimal string), the lower of the two winning; expired messages are dropped or dead-lettered with
 * reason "expired", as in RabbitMQ.
 */
class TtlTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    private Channel channel;

    @BeforeEach
    void openChannel() throws Exception {
        channel = broker.openConnection().createChannel();
        channel.confirmSelect();
    }

    @Test
    void queueTtlExpiresMessagesNobodyConsumed() throws Exception {
        String queue = declare(Map.of("x-message-ttl", 200));

        publishConfirmed(channel, "", queue, "short-lived");

        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(channel.basicGet(queue, true)).isNull();
    }

    @Test
    void messagesAreDeliveredBeforeTheirQueueTtl() throws Exception {
        String queue = declare(Map.of("x-message-ttl", 60_000));

        publishConfirmed(channel, "", queue, "fresh");

        assertThat(Messages.drain(channel, queue)).containsExactly("fresh");
    }

    @Test
    void perMessageExpirationExpiresOnlyThatMessage() throws Exception {
        String queue = declare(Map.of());

        publishConfirmed(channel, "", queue, expiring("100"), "short");
        publishConfirmed(channel, "", queue, expiring("600000"), "long");
        publishConfirmed(channel, "", queue, "forever");

        Messages.awaitMessageCount(channel, queue, 2);
        assertThat(Messages.drain(channel, queue)).containsExactly("long", "forever");
    }

    @Test
    void theLowerOfQueueTtlAndExpirationApplies() throws Exception {
        String queue = declare(Map.of("x-message-ttl", 600_000));

        publishConfirmed(channel, "", queue, expiring("100"), "message ttl wins");

        Messages.awaitMessageCount(channel, queue, 0);
    }

    @Test
    void expiredMessagesAreDeadLetteredWithXDeath() throws Exception {
        String dlx = BrokerExtension.unique("dlx");
        channel.exchangeDeclare(dlx, "fanout");
        String dead = channel.queueDeclare().getQueue();
        channel.queueBind(dead, dlx, "");
        String source = BrokerExtension.unique("expiring");
        channel.exchangeDeclare(source, "direct");
        String queue = declare(Map.of("x-message-ttl", 100, "x-dead-letter-exchange", dlx));
        channel.queueBind(queue, source, "rk");

        publishConfirmed(channel, source, "rk", "too late");

        GetResponse got = Messages.awaitGet(channel, dead);
        assertThat(Messages.text(got.getBody())).isEqualTo("too late");
        assertThat(got.getEnvelope().getRoutingKey()).as("routing key kept without x-dead-letter-routing-key")
            .isEqualTo("rk");
        XDeath death = XDeath.first(got.getProps());
        assertThat(death.reason()).isEqualTo("expired");
        assertThat(death.count()).isEqualTo(1);
        assertThat(death.queue()).isEqualTo(queue);
        assertThat(death.exchange()).isEqualTo(source);
        assertThat(death.routingKeys()).containsExactly("rk");
        assertThat(death.time()).isNotNull();
        assertThat(got.getProps().getHeaders().get("x-first-death-reason")).hasToString("expired");
        assertThat(got.getProps().getHeaders().get("x-first-death-queue")).hasToString(queue);
    }

    @Test
    void deadLetteredMessageLosesItsExpirationWhichXDeathRemembers() throws Exception {
        String dead = channel.queueDeclare().getQueue();
        String queue = declare(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));

        publishConfirmed(channel, "", queue, expiring("50"), "expired by property");

        GetResponse got = Messages.awaitGet(channel, dead);
        assertThat(got.getProps().getExpiration()).as("not expired again on the way").isNull();
        XDeath death = XDeath.first(got.getProps());
        assertThat(death.reason()).isEqualTo("expired");
        assertThat(death.originalExpiration()).isEqualTo("50");
    }

    @Test
    void invalidExpirationClosesTheChannelWith406() throws Exception {
        Channel plain = broker.openConnection().createChannel();
        String queue = plain.queueDeclare().getQueue();

        plain.basicPublish("", queue, expiring("soon"), Messages.utf8("x"));

        ProtocolErrors.awaitChannelClosed(plain, ReplyCodes.PRECONDITION_FAILED);
    }

    @Test
    void negativeExpirationClosesTheChannelWith406() throws Exception {
        Channel plain = broker.openConnection().createChannel();
        String queue = plain.queueDeclare().getQueue();

        plain.basicPublish("", queue, expiring("-1"), Messages.utf8("x"));

        ProtocolErrors.awaitChannelClosed(plain, ReplyCodes.PRECONDITION_FAILED);
    }

    @Test
    void negativeQueueTtlIsRefusedWith406() throws Exception {
        ProtocolErrors.assertChannelError(channel, ReplyCodes.PRECONDITION_FAILED,
            () -> channel.queueDeclare("", false, true, true, Map.of("x-message-ttl", -1)));
    }

    private String declare(Map<String, Object> arguments) throws Exception {
        return channel.queueDeclare("", false, true, true, arguments).getQueue();
    }

    private static AMQP.BasicProperties expiring(String expiration) {
        return new AMQP.BasicProperties.Builder().expiration(expiration).build();
    }
}
