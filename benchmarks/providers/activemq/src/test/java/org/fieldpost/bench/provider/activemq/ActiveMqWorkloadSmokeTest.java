package org.fieldpost.bench.provider.activemq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fieldpost.bench.jms.RunningBroker;
import org.fieldpost.bench.jms.WorkloadResult;
import org.fieldpost.bench.jms.workload.WorkloadSpec;
import org.fieldpost.bench.jms.workload.Workloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every workload, 100 messages, against in-VM ActiveMQ on Derby: a smoke test, not a measurement. */
class ActiveMqWorkloadSmokeTest {
    @TempDir
    static Path data;

    private static RunningBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new ActiveMqPlugin().start("activemq-jdbc-vm", data, Map.of());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    static List<String> workloads() {
        return Workloads.names();
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void everyWorkloadDeliversEachMessageExactlyOnce(String name) {
        WorkloadResult result = Workloads.named(name).run(broker.connectionFactory(),
            WorkloadSpec.of(100, 256, "smoke." + name));

        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(broker.description()).contains("Derby 10.16");
    }
}
