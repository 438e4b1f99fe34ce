package org.fieldpost.bench.provider.artemis;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.version.Version;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.VersionLoader;
import org.fieldpost.bench.jms.BrokerPlugin;
import org.fieldpost.bench.jms.PluginSupport;
import org.fieldpost.bench.jms.RunningBroker;

/**
 * Embedded Apache ActiveMQ Artemis with its persistent file journal and the server's defaults
 * (synchronous journal writes for durable messages and transactions), security off. {@code artemis}:
 * a Netty acceptor on a loopback port, the client over TCP; {@code artemis-vm}: the in-VM acceptor.
 *
 * <p>Options: {@code artemis.journal-type}: {@code ASYNCIO} (the default; Artemis falls back to NIO
 * where libaio is missing), {@code NIO} or {@code MAPPED}. {@code artemis.journal-buffer-timeout}:
 * {@code auto} (the default) measures a synced write on the data disk and uses its time, as
 * {@code artemis create} does when it writes a broker instance's configuration; {@code default}
 * keeps the embedded server's compiled-in value (3.3 ms for NIO, 0.5 ms for AIO), which caps a
 * single synchronous producer at about 300 messages a second on NIO; or a number of nanoseconds.
 */
public final class ArtemisPlugin implements BrokerPlugin {

    @Override
    public List<String> names() {
        return List.of("artemis", "artemis-vm");
    }

    @Override
    public RunningBroker start(String name, Path dataDirectory, Map<String, String> options) throws Exception {
        boolean inVm = name.endsWith("-vm");
        String url = inVm ? "vm://0" : "tcp://127.0.0.1:" + PluginSupport.freeLoopbackPort();
        Configuration config = new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .setJournalDirectory(dataDirectory.resolve("journal").toString())
            .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
            .setPagingDirectory(dataDirectory.resolve("paging").toString())
            .setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString())
            .addAcceptorConfiguration(inVm ? "in-vm" : "tcp", url);
        String journalType = options.get("artemis.journal-type");
        if (journalType != null) {
            config.setJournalType(JournalType.valueOf(journalType.toUpperCase(Locale.ROOT)));
        }
        String timeout = options.getOrDefault("artemis.journal-buffer-timeout", "auto");
        if ("auto".equals(timeout)) {
            int nanos = SyncTimer.nanosPerSyncedWrite(dataDirectory);
            config.setJournalBufferTimeout_NIO(nanos).setJournalBufferTimeout_AIO(nanos);
        } else if (!"default".equals(timeout)) {
            config.setJournalBufferTimeout_NIO(Integer.parseInt(timeout))
                .setJournalBufferTimeout_AIO(Integer.parseInt(timeout));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        Version version = VersionLoader.getVersion();
        String description = "Apache ActiveMQ Artemis " + version.getFullVersion() + ", embedded, client over "
            + (inVm ? "the in-VM connector" : "TCP to " + url) + "; " + config.getJournalType()
            + " journal, buffer timeout " + (config.getJournalType() == JournalType.ASYNCIO
            ? config.getJournalBufferTimeout_AIO() : config.getJournalBufferTimeout_NIO()) + " ns (" + timeout + ")"
            + ", sync on durable send " + config.isJournalSyncNonTransactional()
            + ", on commit " + config.isJournalSyncTransactional()
            + (config.isJournalDatasync() ? ", datasync" : "");
        return new Running(server, factory, description);
    }

    private record Running(EmbeddedActiveMQ server, ActiveMQConnectionFactory factory, String description)
        implements RunningBroker {

        @Override
        public ConnectionFactory connectionFactory() {
            return factory;
        }

        @Override
        public void close() throws Exception {
            factory.close();
            server.stop();
        }
    }
}
