package org.fieldpost.bench.jms.workload;

import jakarta.jms.DeliveryMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named workloads, in report order. */
public final class Workloads {
    private static final Map<String, Workload> ALL = new LinkedHashMap<>();

    static {
        add(new FlowWorkload("queue-persistent", "1 producer, 1 consumer; persistent, auto-acknowledge",
            new FlowShape(1, 1, false, DeliveryMode.PERSISTENT, 0)));
        add(new FlowWorkload("queue-persistent-4x4", "4 producers, 4 consumers on one queue; persistent, auto-ack",
            new FlowShape(4, 4, false, DeliveryMode.PERSISTENT, 0)));
        add(new FlowWorkload("queue-persistent-backlog",
            "1 producer fills the queue, then 1 consumer drains it; persistent, auto-ack; "
                + "send rate with no consumer, receive rate of the drain",
            new FlowShape(1, 1, false, DeliveryMode.PERSISTENT, 0, true)));
        add(new FlowWorkload("queue-transient", "1 producer, 1 consumer; non-persistent, auto-acknowledge",
            new FlowShape(1, 1, false, DeliveryMode.NON_PERSISTENT, 0)));
        add(new FlowWorkload("topic-fanout-4",
            "1 publisher, 4 non-durable subscribers; persistent delivery mode, receive rate counts deliveries",
            new FlowShape(1, 4, true, DeliveryMode.PERSISTENT, 0)));
        add(new FlowWorkload("tx-batch-100",
            "1 producer, 1 consumer; persistent, both sides transacted, commit every 100",
            new FlowShape(1, 1, false, DeliveryMode.PERSISTENT, 100)));
        add(new RequestReplyWorkload());
    }

    private Workloads() {
    }

    private static void add(Workload workload) {
        ALL.put(workload.name(), workload);
    }

    /** The workload of that name. */
    public static Workload named(String name) {
        Workload workload = ALL.get(name);
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload " + name + "; known: " + names());
        }
        return workload;
    }

    /** Every workload name, in report order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
