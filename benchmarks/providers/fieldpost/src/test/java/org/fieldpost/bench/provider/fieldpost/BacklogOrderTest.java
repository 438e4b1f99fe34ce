package org.fieldpost.bench.provider.fieldpost;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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

/**
 * The order in which a flow's clients act, seen through a recording {@link ConnectionFactory}: the
 * backlog workload sends every message before any consumer exists; the other flows create their
 * consumers first.
 */
class BacklogOrderTest {
    @TempDir
    static Path data;

    private static RunningBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new FieldpostPlugin().start("fieldpost-vm", data, Map.of());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theBacklogIsSentBeforeAnyConsumerIsCreated() {
        List<String> events = run("queue-persistent-backlog");

        assertThat(events.indexOf("consumer")).isEqualTo(events.lastIndexOf("send") + 1);
        assertThat(events.stream().filter("send"::equals)).hasSize(50);
    }

    @Test
    void aFlowCreatesItsConsumerBeforeTheFirstSend() {
        List<String> events = run("queue-persistent");

        assertThat(events.indexOf("consumer")).isLessThan(events.indexOf("send"));
    }

    private static List<String> run(String workload) {
        List<String> events = new CopyOnWriteArrayList<>();
        WorkloadResult result = Workloads.named(workload).run(recording(broker.connectionFactory(), events),
            WorkloadSpec.of(50, 128, "order." + workload));
        assertThat(result.valid()).as(result.problem()).isTrue();
        return events;
    }

    /** A factory whose sessions record "consumer" at each createConsumer and "send" after each send. */
    private static ConnectionFactory recording(ConnectionFactory target, List<String> events) {
        return proxy(ConnectionFactory.class, target, (connection, m) -> connection instanceof Connection c
            ? proxy(Connection.class, c, (session, m2) -> session instanceof Session s
                ? proxy(Session.class, s, (made, m3) -> sessionResult(made, m3.getName(), events)) : session)
            : connection);
    }

    private static Object sessionResult(Object made, String method, List<String> events) {
        if (method.equals("createConsumer")) {
            events.add("consumer");
        }
        if (made instanceof MessageProducer p) {
            return proxy(MessageProducer.class, p, (result, m) -> {
                if (m.getName().equals("send")) {
                    events.add("send");
                }
                return result;
            });
        }
        return made;
    }

    /** What to return for the result of a call on the real object, after the call. */
    private interface Recorder {
        Object after(Object result, Method method);
    }

    private static <T> T proxy(Class<T> type, T target, Recorder recorder) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return recorder.after(method.invoke(target, args), method);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
