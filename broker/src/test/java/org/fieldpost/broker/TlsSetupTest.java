package org.fieldpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.fieldpost.broker.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a broker with TLS: the checks of the key and trust stores, listener choices, TLS versions. */
class TlsSetupTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.get();

    @TempDir
    Path scratch;

    private static TlsConfig.Builder tls() {
        return TlsConfig.builder().port(0).keyStore(CERTIFICATES.brokerKeyStore())
            .keyStorePassword(TestCertificates.PASSWORD);
    }

    private EmbeddedBroker.Builder broker(TlsConfig.Builder tls) {
        return EmbeddedBroker.builder().port(0).dataDirectory(scratch.resolve("data")).tls(tls.build());
    }

    @Test
    void wrongKeyStorePasswordIsRefusedBeforeTheDataDirectoryIsTouched() {
        EmbeddedBroker broker = broker(tls().keyStorePassword("not-it")).build();

        assertThatThrownBy(broker::start).isInstanceOf(TlsConfigException.class)
            .hasMessageContaining("cannot open the TLS key store " + CERTIFICATES.brokerKeyStore())
            .hasMessageContaining("wrong password");
        assertThat(scratch.resolve("data")).doesNotExist();
        assertThat(broker.port()).isEqualTo(-1);
    }

    @Test
    void missingKeyStoreIsNamed() {
        Path missing = scratch.resolve("nowhere.p12");

        assertThatThrownBy(() -> broker(tls().keyStore(missing)).build().start())
            .isInstanceOf(TlsConfigException.class)
            .hasMessage("the TLS key store " + missing + " does not exist or is not a file");
    }

    @Test
    void keyStoreWithoutPrivateKeyIsRefused() {
        assertThatThrownBy(() -> broker(tls().keyStore(CERTIFICATES.brokerTrustStore())).build().start())
            .isInstanceOf(TlsConfigException.class)
            .hasMessageContaining("holds no private key");
    }

    @Test
    void fileThatIsNoKeyStoreIsRefused() throws Exception {
        Path garbage = Files.writeString(scratch.resolve("garbage.p12"), "not a key store");

        assertThatThrownBy(() -> broker(tls().keyStore(garbage)).build().start())
            .isInstanceOf(TlsConfigException.class)
            .hasMessageStartingWith("cannot read the TLS key store " + garbage + " as PKCS12");
    }

    @Test
    void unknownStoreTypeAndWrongTrustStorePasswordAreRefused() {
        assertThatThrownBy(() -> broker(tls().keyStoreType("NO-SUCH-TYPE")).build().start())
            .isInstanceOf(TlsConfigException.class)
            .hasMessageContaining("unknown type 'NO-SUCH-TYPE'");
        assertThatThrownBy(() -> broker(tls().trustStore(CERTIFICATES.clientTrustStore())
            .trustStorePassword("not-it")).build().start())
            .isInstanceOf(TlsConfigException.class)
            .hasMessageContaining("cannot open the TLS trust store " + CERTIFICATES.clientTrustStore());
    }

    @Test
    void onlyTls13AndTls12MayBeConfigured() {
        assertThatThrownBy(() -> TlsConfig.builder().protocols(List.of("TLSv1.1")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported TLS protocol 'TLSv1.1'");
        assertThatThrownBy(() -> TlsConfig.builder().protocols(List.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(TlsConfig.builder().keyStore(Path.of("k")).protocols(List.of("tlsv1.3")).build().protocols())
            .containsExactly("TLSv1.3");
        assertThatThrownBy(() -> TlsConfig.builder().port(0).build()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("key store");
    }

    @Test
    void brokerLimitedToTls13RefusesTls12() throws Exception {
        try (EmbeddedBroker broker = broker(tls().protocols(List.of("TLSv1.3"))).store(StoreType.MEMORY).build()
            .start()) {
            assertThat(handshake(broker.tlsPort(), "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThatThrownBy(() -> handshake(broker.tlsPort(), "TLSv1.2")).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void plainListenerCanBeLeftOutWhenTlsIsOn() throws Exception {
        try (EmbeddedBroker broker = broker(tls()).port(-1).store(StoreType.MEMORY).build().start()) {
            assertThat(broker.port()).isEqualTo(-1);
            assertThat(broker.tlsPort()).isPositive();
            assertThat(handshake(broker.tlsPort(), "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThat(handshake(broker.tlsPort(), "TLSv1.2")).isEqualTo("TLSv1.2");
        }
        assertThatThrownBy(() -> EmbeddedBroker.builder().port(-1).store(StoreType.MEMORY).build().start())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no listener");
    }

    private static String handshake(int port, String version) throws Exception {
        SSLContext context = TestCertificates.clientContext(CERTIFICATES.brokerTrustStore(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {version});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
