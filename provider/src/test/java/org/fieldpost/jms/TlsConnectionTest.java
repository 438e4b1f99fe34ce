package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fieldpost.broker.EmbeddedBroker;
import org.fieldpost.broker.StoreType;
import org.fieldpost.broker.TlsConfig;
import org.fieldpost.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code amqps://} URLs against a broker with a TLS listener and self-signed certificates made for the test. */
class TlsConnectionTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.get();

    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension(b -> b.tls(tls(CERTIFICATES.brokerKeyStore()).build()));

    @TempDir
    Path scratch;

    private static TlsConfig.Builder tls(Path keyStore) {
        return TlsConfig.builder().port(0).keyStore(keyStore).keyStorePassword(TestCertificates.PASSWORD);
    }

    /** {@code amqps://u:p@127.0.0.1:PORT/?OPTIONS}. */
    private static String amqps(int port, String options) {
        return "amqps://" + BrokerExtension.USER + ":" + BrokerExtension.PASSWORD + "@127.0.0.1:" + port + "/?"
            + options;
    }

    /** The options naming a store ({@code trustStore} or {@code keyStore}) and its password. */
    private static String store(String option, Path file) {
        return option + "=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8).replace("+", "%20") + "&"
            + option + "Password=" + TestCertificates.PASSWORD;
    }

    private static String trustingTheBroker() {
        return store("trustStore", CERTIFICATES.brokerTrustStore());
    }

    @Test
    void sendsAndReceivesOverAmqps() throws JMSException {
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(),
            trustingTheBroker()));
        try (Connection connection = factory.createConnection()) {
            assertRoundTrip(connection, "over TLS");
        }
        try (var context = factory.createContext()) {
            Queue queue = context.createQueue("tls.context");
            context.createProducer().send(queue, "from a JMSContext");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 10_000)).isEqualTo("from a JMSContext");
        }
    }

    @Test
    void untrustedBrokerCertificateFailsAtCreateConnectionWithTheCause() {
        // no trustStore option: the JVM's default trust, which knows nothing of a self-signed certificate
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(), ""));

        assertTlsFailure(factory::createConnection, "not trusted");
        assertThatThrownBy(factory::createConnection)
            .satisfies(e -> assertThat(sslCause(e)).isInstanceOf(SSLHandshakeException.class));
        assertThatThrownBy(factory::createContext).isInstanceOf(JMSRuntimeException.class)
            .hasMessageContaining("TLS handshake with 127.0.0.1:" + broker.broker().tlsPort() + " failed");
    }

    @Test
    void hostNameMismatchFailsUnlessVerifyHostIsOff(@TempDir Path data) throws JMSException {
        try (EmbeddedBroker elsewhere = memoryBroker(data, tls(CERTIFICATES.elsewhereKeyStore()))) {
            String trusting = store("trustStore", CERTIFICATES.elsewhereTrustStore());

            assertTlsFailure(() -> new FieldpostConnectionFactory(amqps(elsewhere.tlsPort(), trusting))
                .createConnection(), "does not name the host");
            assertTlsFailure(() -> new FieldpostConnectionFactory(amqps(elsewhere.tlsPort(), trusting
                + "&verifyHost=true")).createConnection(), "No subject alternative names matching IP address");
            try (Connection connection = new FieldpostConnectionFactory(amqps(elsewhere.tlsPort(), trusting
                + "&verifyHost=false")).createConnection()) {
                assertRoundTrip(connection, "host not verified");
            }
        }
    }

    @Test
    void clientCertificateComesFromTheKeyStoreOptions(@TempDir Path data) throws JMSException {
        TlsConfig.Builder needing = tls(CERTIFICATES.brokerKeyStore()).trustStore(CERTIFICATES.clientTrustStore())
            .trustStorePassword(TestCertificates.PASSWORD).clientAuth(TlsConfig.ClientAuth.NEED);
        try (EmbeddedBroker strict = memoryBroker(data, needing)) {
            assertTlsFailure(() -> new FieldpostConnectionFactory(amqps(strict.tlsPort(), trustingTheBroker()))
                .createConnection(), "client's certificate");
            assertTlsFailure(() -> new FieldpostConnectionFactory(amqps(strict.tlsPort(), trustingTheBroker() + "&"
                + store("keyStore", CERTIFICATES.strangerKeyStore()))).createConnection(), "client's certificate");
            String withCertificate = trustingTheBroker() + "&" + store("keyStore", CERTIFICATES.clientKeyStore())
                + "&keyStoreType=PKCS12";
            try (Connection connection = new FieldpostConnectionFactory(amqps(strict.tlsPort(), withCertificate))
                .createConnection()) {
                assertRoundTrip(connection, "with a client certificate");
            }
        }
    }

    @Test
    void withoutTrustStoreOptionTheJvmTrustStorePropertiesApply() throws JMSException {
        String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType"};
        String[] saved = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            saved[i] = System.getProperty(names[i]);
        }
        System.setProperty(names[0], CERTIFICATES.brokerTrustStore().toString());
        System.setProperty(names[1], TestCertificates.PASSWORD);
        System.setProperty(names[2], "PKCS12");
        try (Connection connection = new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(), ""))
            .createConnection()) {
            assertRoundTrip(connection, "trusted through the JVM's properties");
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], saved[i]);
                }
            }
        }
    }

    @Test
    void unusableStoresAndOptionsFailAtCreateConnectionWithoutShowingPasswords() {
        String wrongPassword = "trustStore=" + CERTIFICATES.brokerTrustStore() + "&trustStorePassword=s3cr3t-guess";
        assertThatThrownBy(() -> new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(), wrongPassword))
            .createConnection()).isInstanceOf(JMSException.class)
            .hasMessage("cannot read the TLS trust store " + CERTIFICATES.brokerTrustStore()
                + " (trustStore): wrong password")
            .hasCauseInstanceOf(java.io.IOException.class);
        Path missing = scratch.resolve("missing.p12");
        assertThatThrownBy(() -> new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(), "keyStore=" + missing))
            .createConnection()).isInstanceOf(JMSException.class)
            .hasMessage("the TLS key store " + missing + " (keyStore) does not exist");
        assertThatThrownBy(() -> new FieldpostConnectionFactory(amqps(broker.broker().tlsPort(), trustingTheBroker()
            + "&verifyHost=maybe")).createConnection()).isInstanceOf(JMSException.class)
            .hasMessageContaining("verifyHost=maybe");
        assertThat(ConnectionUrl.parse(amqps(1, wrongPassword + "&keyStorePassword=k3y")).toString())
            .doesNotContain("s3cr3t-guess").doesNotContain("k3y").doesNotContain(BrokerExtension.PASSWORD + "@")
            .contains("trustStorePassword=***");
    }

    private static EmbeddedBroker memoryBroker(Path data, TlsConfig.Builder tls) {
        return EmbeddedBroker.builder().port(-1).dataDirectory(data).store(StoreType.MEMORY).ioThreads(1)
            .user(BrokerExtension.USER, BrokerExtension.PASSWORD).tls(tls.build()).build().start();
    }

    private static void assertTlsFailure(ThrowingCallable createConnection, String hint) {
        assertThatThrownBy(createConnection).isInstanceOf(JMSException.class)
            .hasMessageContaining("TLS").hasMessageContaining(hint)
            .satisfies(e -> assertThat(sslCause(e)).as("an SSLException in the causes of %s", e).isNotNull());
    }

    private static SSLException sslCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    private static void assertRoundTrip(Connection connection, String text) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("tls." + System.nanoTime());
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        session.createProducer(queue).send(session.createTextMessage(text));
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo(text);
    }
}
