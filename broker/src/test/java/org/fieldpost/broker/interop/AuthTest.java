package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.SaslConfig;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.impl.LongStringHelper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.ProtocolErrors;
import org.fieldpost.broker.testing.ReplyCodes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection negotiation: SASL PLAIN and AMQPLAIN, virtual hosts, and the server's advertised capabilities. */
class AuthTest {

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void guestConnectsWithPlain() throws Exception {
        Connection connection = broker.openConnection();

        assertThat(connection.isOpen()).isTrue();
    }

    /** The broker announces authentication_failure_close, so the client reports a precise failure. */
    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setPassword("not-the-password");

        assertThatThrownBy(factory::newConnection).isInstanceOf(AuthenticationFailureException.class);
    }

    @Test
    void unknownUserIsAnAuthenticationFailure() {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setUsername("nobody");

        assertThatThrownBy(factory::newConnection).isInstanceOf(AuthenticationFailureException.class);
    }

    /** connection.open of an unknown vhost: connection.close 530 NOT_ALLOWED, as RabbitMQ answers. */
    @Test
    void unknownVirtualHostIsRefusedWith530() {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setVirtualHost("no-such-vhost");

        Throwable thrown = catchThrowable(factory::newConnection);

        assertThat(thrown).isNotNull().isNotInstanceOf(AuthenticationFailureException.class);
        assertThat(ProtocolErrors.replyCode(thrown)).isEqualTo(ReplyCodes.NOT_ALLOWED);
        assertThat(ProtocolErrors.shutdownSignal(thrown).isHardError()).as("connection.close, not channel.close")
            .isTrue();
    }

    @Test
    void amqplainMechanismWorks() throws Exception {
        AtomicReference<List<String>> offered = new AtomicReference<>();
        ConnectionFactory factory = broker.connectionFactory();
        factory.setSaslConfig(amqplain(offered));

        Connection connection = broker.track(factory.newConnection());

        assertThat(connection.isOpen()).isTrue();
        assertThat(offered.get()).contains("PLAIN", "AMQPLAIN");
    }

    @Test
    void amqplainWithAWrongPasswordFails() {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setPassword("wrong");
        factory.setSaslConfig(amqplain(new AtomicReference<>()));

        assertThatThrownBy(factory::newConnection).isInstanceOf(AuthenticationFailureException.class);
    }

    @Test
    void serverPropertiesAdvertiseTheRabbitMqCapabilities() throws Exception {
        Map<String, Object> properties = broker.openConnection().getServerProperties();

        assertThat(properties).containsKeys("product", "version", "capabilities");
        assertThat(properties.get("capabilities")).isInstanceOf(Map.class);
        Map<?, ?> capabilities = (Map<?, ?>) properties.get("capabilities");
        for (String capability : List.of("publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "per_consumer_qos", "authentication_failure_close",
                "connection.blocked")) {
            assertThat(capabilities.get(capability)).as(capability).isEqualTo(Boolean.TRUE);
        }
    }

    /** A SASL config that insists on AMQPLAIN and records the mechanisms the server offered. */
    private static SaslConfig amqplain(AtomicReference<List<String>> offered) {
        return mechanisms -> {
            offered.set(Arrays.asList(mechanisms));
            return Arrays.asList(mechanisms).contains("AMQPLAIN") ? new AmqPlain() : null;
        };
    }

    /**
     * AMQPLAIN: the response is a field table without its leading size, holding LOGIN and PASSWORD as
     * long strings.
     */
    private static final class AmqPlain implements SaslMechanism {
        @Override
        public String getName() {
            return "AMQPLAIN";
        }

        @Override
        public LongString handleChallenge(LongString challenge, String username, String password) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                writeLongStringEntry(out, "LOGIN", username);
                writeLongStringEntry(out, "PASSWORD", password);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return LongStringHelper.asLongString(buffer.toByteArray());
        }

        private static void writeLongStringEntry(DataOutputStream out, String key, String value) throws IOException {
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeByte(keyBytes.length);
            out.write(keyBytes);
            out.writeByte('S');
            out.writeInt(valueBytes.length);
            out.write(valueBytes);
        }
    }

    /** A broker configured with its own users no longer accepts the default guest account. */
    @Nested
    class ConfiguredUsers {

        @RegisterExtension
        BrokerExtension custom = new BrokerExtension(b -> b.user("alice", "s3cret"));

        @Test
        void configuredUserConnects() throws Exception {
            ConnectionFactory factory = custom.connectionFactory();
            factory.setUsername("alice");
            factory.setPassword("s3cret");

            Connection connection = custom.track(factory.newConnection());

            assertThat(connection.isOpen()).isTrue();
        }

        @Test
        void guestIsNotAcceptedOnceUsersAreConfigured() {
            assertThatThrownBy(() -> custom.connectionFactory().newConnection())
                .isInstanceOf(AuthenticationFailureException.class);
        }
    }
}
