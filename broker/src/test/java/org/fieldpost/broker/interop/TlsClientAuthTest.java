package org.fieldpost.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.StoreType;
import org.fieldpost.broker.TlsConfig;
import org.fieldpost.broker.TlsConfig.ClientAuth;
import org.fieldpost.broker.testing.BrokerExtension;
import org.fieldpost.broker.testing.HealthyConnectionCheck;
import org.fieldpost.broker.testing.Messages;
import org.fieldpost.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates: a broker that needs one refuses clients without one or with one it does not
 * trust, and serves clients whose certificate its trust store holds; the refusals leave the other
 * connections alone.
 */
class TlsClientAuthTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.get();

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.tls(clientAuth(ClientAuth.NEED).build()));

    @RegisterExtension
    HealthyConnectionCheck healthy = new HealthyConnectionCheck(broker, () -> client(broker,
        CERTIFICATES.clientKeyStore()));

    private static TlsConfig.Builder clientAuth(ClientAuth mode) {
        return TlsConfig.builder().port(0).keyStore(CERTIFICATES.brokerKeyStore())
            .keyStorePassword(TestCertificates.PASSWORD).trustStore(CERTIFICATES.clientTrustStore())
            .trustStorePassword(TestCertificates.PASSWORD).clientAuth(mode);
    }

    /** A TLS client factory trusting the broker, presenting the certificate of {@code keyStore} (if not null). */
    private static ConnectionFactory client(BrokerExtension broker, Path keyStore) {
        try {
            return TlsTest.tlsFactory(broker, TestCertificates.clientContext(CERTIFICATES.brokerTrustStore(),
                keyStore));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clientWithTrustedCertificateIsServed() throws Exception {
        try (Connection connection = client(broker, CERTIFICATES.clientKeyStore()).newConnection()) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            String queue = channel.queueDeclare().getQueue();

            Messages.publishConfirmed(channel, "", queue, "with a certificate");

            assertThat(Messages.text(Messages.awaitGet(channel, queue).getBody())).isEqualTo("with a certificate");
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        int before = broker.connectionCount();

        assertThatThrownBy(() -> client(broker, null).newConnection()).isInstanceOf(IOException.class);

        healthy.assertRoundTrip();
        assertThat(broker.connectionCount()).isEqualTo(before);
    }

    @Test
    void clientWithUntrustedCertificateIsRefused() throws Exception {
        int before = broker.connectionCount();

        assertThatThrownBy(() -> client(broker, CERTIFICATES.strangerKeyStore()).newConnection())
            .isInstanceOf(IOException.class);

        healthy.assertRoundTrip();
        assertThat(broker.connectionCount()).isEqualTo(before);
    }

    @Test
    void brokerThatWantsCertificatesServesClientsWithoutOneButRefusesUntrustedOnes(@TempDir Path data)
        throws Exception {
        try (EmbeddedBroker wanting = EmbeddedBroker.builder().port(-1).dataDirectory(data).store(StoreType.MEMORY)
            .tls(clientAuth(ClientAuth.WANT).build()).build().start()) {
            // the extension's broker lends its host; the port is the other broker's
            ConnectionFactory anonymous = client(broker, null);
            anonymous.setPort(wanting.tlsPort());
            try (Connection connection = anonymous.newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
            ConnectionFactory stranger = client(broker, CERTIFICATES.strangerKeyStore());
            stranger.setPort(wanting.tlsPort());
            assertThatThrownBy(stranger::newConnection).isInstanceOf(IOException.class);
        }
    }
}
