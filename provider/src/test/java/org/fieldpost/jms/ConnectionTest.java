package org.fieldpost.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldpost.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Connection lifecycle, security failures, client ids, metadata, the exception listener. */
class ConnectionTest {
    @RegisterExtension
    static BrokerExtension broker = new BrokerExtension();

    @Test
    void metaDataSaysJms31AndFieldpost() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            ConnectionMetaData meta = connection.getMetaData();
            assertThat(meta.getJMSVersion()).isEqualTo("3.1");
            assertThat(meta.getJMSMajorVersion()).isEqualTo(3);
            assertThat(meta.getJMSMinorVersion()).isEqualTo(1);
            assertThat(meta.getJMSProviderName()).isEqualTo("Fieldpost");
            assertThat(Collections.list(meta.getJMSXPropertyNames()))
                .contains("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
        }
    }

    @Test
    void badCredentialsFailAtCreationWithJmsSecurityException() {
        FieldpostConnectionFactory factory = broker.factory();
        assertThatThrownBy(() -> factory.createConnection("u", "wrong")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createQueueConnection("invalid", "invalid"))
            .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createTopicConnection("invalid", "invalid"))
            .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void explicitCredentialsOverrideTheUrls() throws JMSException {
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory("amqp://nobody:nothing@127.0.0.1:"
            + broker.port());
        factory.createConnection("guest", "guest").close();
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void unreachableBrokerFailsWithTheCause() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory("amqp://127.0.0.1:" + port);
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
            .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void clientIdIsUniqueAcrossConnections() throws JMSException {
        try (Connection first = broker.factory().createConnection();
             Connection second = broker.factory().createConnection()) {
            first.setClientID("unique-id");
            assertThat(first.getClientID()).isEqualTo("unique-id");
            assertThatThrownBy(() -> second.setClientID("unique-id")).isInstanceOf(InvalidClientIDException.class);
            assertThatThrownBy(() -> first.setClientID("other")).isInstanceOf(IllegalStateException.class);
            first.close();
            second.setClientID("unique-id");
        }
    }

    @Test
    void clientIdMustBeSetBeforeUse() throws JMSException {
        try (Connection connection = broker.factory().createConnection()) {
            connection.createSession();
            assertThatThrownBy(() -> connection.setClientID("late")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void administrativeClientIdCannotBeChanged() throws JMSException {
        FieldpostConnectionFactory factory = broker.factory("clientId=cts");
        try (Connection connection = factory.createConnection()) {
            assertThat(connection.getClientID()).isEqualTo("cts");
            assertThatThrownBy(() -> connection.setClientID("cts")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(factory::createConnection).isInstanceOf(InvalidClientIDException.class);
        }
    }

    @Test
    void exceptionListenerHearsOfConnectionLossOnce() throws Exception {
        try (EmbeddedBroker victim = BrokerExtension.startAnother()) {
            Connection connection = new FieldpostConnectionFactory("amqp://127.0.0.1:" + victim.port())
                .createConnection();
            AtomicReference<JMSException> heard = new AtomicReference<>();
            AtomicReference<String> thread = new AtomicReference<>();
            connection.setExceptionListener(e -> {
                thread.set(Thread.currentThread().getName());
                assertThat(heard.getAndSet(e)).isNull();
            });
            victim.close();
            await().until(() -> heard.get() != null);
            assertThat(thread.get()).doesNotStartWith("fieldpost-io");
            connection.close();
        }
    }

    @Test
    void connectionUrls() {
        ConnectionUrl url = ConnectionUrl.parse("amqp://us%40er:p%3Ass@broker.example:5673/%2Fprod?prefetch=5&x=a%20b");
        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p:ss");
        assertThat(url.host()).isEqualTo("broker.example");
        assertThat(url.port()).isEqualTo(5673);
        assertThat(url.virtualHost()).isEqualTo("/prod");
        assertThat(url.options()).containsEntry("prefetch", "5").containsEntry("x", "a b");
        assertThat(ConnectionUrl.parse("amqp://h").virtualHost()).isEqualTo("/");
        assertThat(ConnectionUrl.parse("amqp://h/").port()).isEqualTo(5672);
        assertThat(ConnectionUrl.parse("amqps://h").port()).isEqualTo(5671);
        assertThat(ConnectionUrl.parse("amqp://h/v").virtualHost()).isEqualTo("v");
        ConnectionUrl vm = ConnectionUrl.parse("vm://embedded?data=/tmp/x");
        assertThat(vm.isVm()).isTrue();
        assertThat(vm.host()).isEqualTo("embedded");
        assertThat(vm.option("data")).isEqualTo("/tmp/x");
        assertThatThrownBy(() -> ConnectionUrl.parse("http://h")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vmUrlStartsAnInVmBrokerSharedByItsConnectionsAndStopsItWithTheLast(@TempDir Path data)
        throws Exception {
        FieldpostConnectionFactory factory = new FieldpostConnectionFactory("vm://in-vm-test?data=" + data);
        try (Connection first = factory.createConnection(); Connection second = factory.createConnection()) {
            Session producerSession = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producerSession.createProducer(producerSession.createQueue("vm.q"))
                .send(producerSession.createTextMessage("in the same JVM"));
            Session consumerSession = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue("vm.q"));
            second.start();
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("in the same JVM");
        }
        // the last connection released the broker: a new one starts afresh on the same data directory
        try (Connection again = factory.createConnection()) {
            assertThat(again.getMetaData().getJMSProviderName()).isEqualTo("Fieldpost");
        }
    }

    @Test
    void vmUrlJoinsAnApplicationsBrokerThatTcpClientsShareAndCarriesLargeMessages(@TempDir Path data)
        throws Exception {
        try (EmbeddedBroker application = EmbeddedBroker.builder().port(0).inVm("application").dataDirectory(data)
            .user("guest", "guest").build().start();
             Connection inVm = new FieldpostConnectionFactory("vm://application").createConnection();
             Connection tcp = new FieldpostConnectionFactory("amqp://guest:guest@127.0.0.1:" + application.port())
                 .createConnection()) {
            Session inVmSession = inVm.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session tcpSession = tcp.createSession(false, Session.AUTO_ACKNOWLEDGE);
            byte[] large = new byte[1024 * 1024]; // eight frames at the default frame-max
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) (i * 31);
            }
            BytesMessage request = inVmSession.createBytesMessage();
            request.writeBytes(large);
            inVmSession.createProducer(inVmSession.createQueue("shared.q")).send(request);
            MessageConsumer overTcp = tcpSession.createConsumer(tcpSession.createQueue("shared.q"));
            tcp.start();
            BytesMessage got = (BytesMessage) overTcp.receive(10_000);
            byte[] body = new byte[(int) got.getBodyLength()];
            got.readBytes(body);
            assertThat(body).isEqualTo(large);

            tcpSession.createProducer(tcpSession.createQueue("reply.q")).send(tcpSession.createTextMessage("back"));
            MessageConsumer overInVm = inVmSession.createConsumer(inVmSession.createQueue("reply.q"));
            inVm.start();
            assertThat(((TextMessage) overInVm.receive(10_000)).getText()).isEqualTo("back");
        }
    }

    @Test
    void inVmConnectionsLeaveNothingBehindAndHearOfTheirBrokersEnd(@TempDir Path data) throws Exception {
        try (EmbeddedBroker application = EmbeddedBroker.builder().port(-1).inVm("ending").dataDirectory(data)
            .user("guest", "guest").build().start()) {
            FieldpostConnectionFactory factory = new FieldpostConnectionFactory("vm://ending");
            for (int i = 0; i < 200; i++) {
                try (Connection connection = factory.createConnection()) {
                    connection.createSession(true, Session.SESSION_TRANSACTED).createProducer(null);
                }
            }
            await().until(() -> application.connectionCount() == 0);

            Connection kept = factory.createConnection();
            AtomicReference<JMSException> heard = new AtomicReference<>();
            kept.setExceptionListener(heard::set);
            application.close();
            await().until(() -> heard.get() != null);
            kept.close(); // a lost in-VM connection closes at once
        }
    }
}
