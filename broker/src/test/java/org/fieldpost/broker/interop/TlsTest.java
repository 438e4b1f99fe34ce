package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.fieldpost.broker.TlsConfig;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.CollectingConsumer;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AMQPS listener with the RabbitMQ Java client: TLS beside the plain port, TLS versions, and what
 * happens to clients that do not speak TLS. The healthy connection of every test is a TLS one.
 */
class TlsTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.get();

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.tls(TlsConfig.builder().port(0)
        .keyStore(CERTIFICATES.brokerKeyStore()).keyStorePassword(TestCertificates.PASSWORD).build()));

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker, TlsTest::tlsFactory);

    static ConnectionFactory tlsFactory() {
        try {
            return tlsFactory(broker, TestCertificates.clientContext(CERTIFICATES.brokerTrustStore(), null));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConnectionFactory tlsFactory(BrokerExtension broker, SSLContext context) {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setPort(broker.tlsPort());
        factory.useSslProtocol(context);
        return factory;
    }

    @Test
    void rabbitClientPublishesAndConsumesOverTlsBesideThePlainPort() throws Exception {
        assertThat(broker.tlsPort()).isPositive().isNotEqualTo(broker.port());
        try (Connection secure = tlsFactory().newConnection(); Connection plain = broker.openConnection()) {
            Channel publisher = secure.createChannel();
            String queue = publisher.queueDeclare(BrokerExtension.unique("tls"), false, false, true, null).getQueue();
            publisher.confirmSelect();

            Messages.publishConfirmed(publisher, "", queue, "over TLS");
            Channel consumerChannel = plain.createChannel();
            CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
            consumerChannel.basicConsume(queue, true, consumer);
            Messages.publishConfirmed(publisher, "", queue, "over TLS again");

            assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("over TLS");
            assertThat(CollectingConsumer.body(consumer.next())).isEqualTo("over TLS again");
        }
    }

    @Test
    void plainAmqpOnTheTlsPortIsClosedAndOtherConnectionsCarryOn() throws Exception {
        int before = broker.connectionCount();
        try (Socket socket = new Socket(broker.host(), broker.tlsPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("AMQP\0\0\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            assertThat(readUntilClosed(socket.getInputStream())).as("the broker closed the socket").isTrue();
        }
        healthy.assertRoundTrip();
        assertThat(broker.connectionCount()).isEqualTo(before);
    }

    @Test
    void plainRabbitClientOnTheTlsPortFailsToConnect() throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        factory.setPort(broker.tlsPort());

        assertThatThrownBy(factory::newConnection).isInstanceOf(IOException.class);
        healthy.assertRoundTrip();
    }

    @Test
    void tlsClientOnThePlainPortFailsToConnect() throws Exception {
        ConnectionFactory factory = tlsFactory();
        factory.setPort(broker.port());

        assertThatThrownBy(factory::newConnection).isInstanceOf(IOException.class);
        healthy.assertRoundTrip();
    }

    /** Reads and discards until end of stream; false if the peer is still silent at the socket timeout. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        try {
            while (in.read(buffer) >= 0) {
                // a TLS alert, if any, is not for us to parse
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset: closed as well
        }
    }
}
