package org.fieldpost.bench.jms.workload;

import java.time.Duration;

/**
 * How much one run of a workload does.
 *
 * @param messages messages sent in total (split evenly between producers), or round trips
 * @param size body size in bytes
 * @param destination the base name of the run's queue or topic, unique to the run
 * @param idleTimeout how long a consumer waits without any arrival before it declares the rest lost
 * @param drain how long consumers keep listening after the last expected message, to catch late duplicates
 */
public record WorkloadSpec(int messages, int size, String destination, Duration idleTimeout, Duration drain) {

    public WorkloadSpec {
        if (messages <= 0 || size < 0) {
            throw new IllegalArgumentException("messages " + messages + ", size " + size);
        }
    }

    /** A spec with the usual time-outs: 30 s idle, 200 ms drain. */
    public static WorkloadSpec of(int messages, int size, String destination) {
        return new WorkloadSpec(messages, size, destination, Duration.ofSeconds(30), Duration.ofMillis(200));
    }
}
