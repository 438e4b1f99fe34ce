package org.fieldpost.bench.provider.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fieldpost.bench.jms.BrokerPlugin;
import org.fieldpost.bench.jms.RunningBroker;
import org.fieldpost.bench.jms.WorkloadResult;
import org.fieldpost.bench.jms.workload.WorkloadSpec;
import org.fieldpost.bench.jms.workload.Workloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every workload, 100 messages, against in-VM Artemis: a smoke test of the workloads, not a measurement. */
class ArtemisWorkloadSmokeTest {
    @TempDir
    static Path data;

    private static RunningBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new ArtemisPlugin().start("artemis-vm", data, Map.of("artemis.journal-buffer-timeout", "default"));
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
        assertThat(result.receiveRate()).isPositive();
    }

    @Test
    void thePluginIsFoundByItsNames() {
        List<String> names = ServiceLoader.load(BrokerPlugin.class).stream()
            .flatMap(p -> p.get().names().stream()).toList();

        assertThat(names).contains("artemis", "artemis-vm");
        assertThat(broker.description()).contains("Artemis", "in-VM");
    }
}
