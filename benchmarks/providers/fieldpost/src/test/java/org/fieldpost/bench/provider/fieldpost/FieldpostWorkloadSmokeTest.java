package org.fieldpost.bench.provider.fieldpost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * Every workload, 100 messages, against Fieldpost embedded in this JVM and reached over TCP (the
 * {@code fieldpost} shape): a smoke test that the runner's workloads complete exactly once on
 * Fieldpost, not a measurement; and one workload through the {@code vm://} shape. And, through a
 * recording factory, the order in which a flow's clients act: the backlog workload sends every
 * message before any consumer exists; the other flows create their consumers first.
 */
class FieldpostWorkloadSmokeTest {
    @TempDir
    static Path data;

    private static RunningBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new FieldpostPlugin().start("fieldpost", data.resolve("embedded"), Map.of());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
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
    void theVmShapeStartsItsOwnBrokerAndCarriesAWorkload() throws Exception {
        try (RunningBroker vm = new FieldpostPlugin().start("fieldpost-vm", data.resolve("vm"), Map.of())) {
            WorkloadResult result = Workloads.named("queue-persistent").run(vm.connectionFactory(),
                WorkloadSpec.of(50, 256, "smoke.vm"));

            assertThat(result.valid()).as(result.problem()).isTrue();
            assertThat(vm.description()).contains("vm://");
        }
        assertThat(broker.description()).contains("embedded", "TCP to 127.0.0.1:");
    }

    @Test
    void theBacklogIsSentBeforeAnyConsumerIsCreated() {
        List<String> events = recordedRun("queue-persistent-backlog");

        assertThat(events.indexOf("consumer")).isEqualTo(events.lastIndexOf("send") + 1);
        assertThat(events.stream().filter("send"::equals)).hasSize(50);
    }

    @Test
    void aFlowCreatesItsConsumerBeforeTheFirstSend() {
        List<String> events = recordedRun("queue-persistent");

        assertThat(events.indexOf("consumer")).isLessThan(events.indexOf("send"));
    }

    /** Runs 50 messages of a workload through a recording factory; returns what its clients did, in order. */
    private static List<String> recordedRun(String workload) {
        List<String> events = new CopyOnWriteArrayList<>();
        WorkloadResult result = Workloads.named(workload).run(
            RecordingConnectionFactory.recording(broker.connectionFactory(), events),
            WorkloadSpec.of(50, 128, "order." + workload));
        assertThat(result.valid()).as(result.problem()).isTrue();
        return events;
    }
}
