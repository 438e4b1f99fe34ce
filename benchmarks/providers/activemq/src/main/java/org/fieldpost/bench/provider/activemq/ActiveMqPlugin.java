package org.fieldpost.bench.provider.activemq;

import jakarta.jms.ConnectionFactory;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.jdbc.JDBCPersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.derby.tools.sysinfo;
import org.fieldpost.bench.jms.BrokerPlugin;
import org.fieldpost.bench.jms.PluginSupport;
import org.fieldpost.bench.jms.RunningBroker;

/**
 * Embedded Apache ActiveMQ Classic with the broker's and client's defaults, JMX off.
 * {@code activemq-kahadb}: KahaDB (journal disk syncs on, its default); {@code activemq-jdbc}: the
 * JDBC persistence adapter on embedded Derby. Both reached over TCP on a loopback port; the names
 * ending in {@code -vm} use the {@code vm://} transport instead.
 */
public final class ActiveMqPlugin implements BrokerPlugin {

    @Override
    public List<String> names() {
        return List.of("activemq-kahadb", "activemq-jdbc", "activemq-kahadb-vm", "activemq-jdbc-vm");
    }

    @Override
    public RunningBroker start(String name, Path dataDirectory, Map<String, String> options) throws Exception {
        boolean inVm = name.endsWith("-vm");
        boolean jdbc = name.startsWith("activemq-jdbc");
        File data = dataDirectory.toFile();
        System.setProperty("derby.system.home", data.getAbsolutePath());
        BrokerService broker = new BrokerService();
        broker.setBrokerName("bench");
        broker.setUseJmx(false);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(data);
        broker.setPersistenceAdapter(jdbc ? jdbcAdapter(data) : kahaDb(data));
        TransportConnector connector = inVm ? null : broker.addConnector("tcp://127.0.0.1:0");
        broker.start();
        if (!broker.waitUntilStarted()) {
            throw new IllegalStateException("ActiveMQ did not start");
        }
        String url = inVm ? "vm://bench?create=false" : connector.getConnectUri().toString();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        String description = "Apache ActiveMQ Classic " + PluginSupport.versionOf(BrokerService.class)
            + ", embedded, client over " + (inVm ? "the vm:// transport" : "TCP to " + url) + "; "
            + (jdbc ? "JDBC adapter on embedded Derby " + sysinfo.getVersionString()
                : "KahaDB, journal disk sync strategy " + ((KahaDBPersistenceAdapter) broker.getPersistenceAdapter())
                    .getJournalDiskSyncStrategy());
        return new Running(broker, factory, description);
    }

    private static PersistenceAdapter kahaDb(File data) {
        KahaDBPersistenceAdapter adapter = new KahaDBPersistenceAdapter();
        adapter.setDirectory(new File(data, "kahadb"));
        return adapter;
    }

    private static PersistenceAdapter jdbcAdapter(File data) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(new File(data, "derby").getAbsolutePath());
        dataSource.setCreateDatabase("create");
        JDBCPersistenceAdapter adapter = new JDBCPersistenceAdapter();
        adapter.setDataSource(dataSource);
        adapter.setDirectory(new File(data, "jdbc"));
        return adapter;
    }

    private record Running(BrokerService broker, ActiveMQConnectionFactory factory, String description)
        implements RunningBroker {

        @Override
        public ConnectionFactory connectionFactory() {
            return factory;
        }

        @Override
        public void close() throws Exception {
            broker.stop();
            broker.waitUntilStopped();
        }
    }
}
