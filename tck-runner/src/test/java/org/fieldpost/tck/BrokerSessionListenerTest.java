package org.fieldpost.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The broker {@link BrokerSessionListener} started for this test JVM listens where jndi.properties says. */
class BrokerSessionListenerTest {

    @Test
    void brokerAnswersOnTheReservedPort() throws IOException {
        int port = Integer.parseInt(System.getProperty(TckBroker.PORT_PROPERTY));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("AMQP".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 9, 1});
            out.flush();
            InputStream in = socket.getInputStream();
            // connection.start: a method frame (type 1) on channel 0
            assertThat(in.read()).isEqualTo(1);
        }
    }

    @Test
    void jndiPropertiesNameThatPort() throws IOException {
        java.util.Properties jndi = new java.util.Properties();
        try (InputStream in = getClass().getResourceAsStream("/jndi.properties")) {
            jndi.load(in);
        }
        String port = System.getProperty(TckBroker.PORT_PROPERTY);

        assertThat(jndi.getProperty("connectionFactory.DURABLE_SUB_CONNECTION_FACTORY"))
            .isEqualTo("amqp://127.0.0.1:" + port + "?clientId=cts");
        assertThat(jndi.getProperty("java.naming.factory.initial"))
            .isEqualTo("org.fieldpost.jms.jndi.FieldpostInitialContextFactory");
    }
}
