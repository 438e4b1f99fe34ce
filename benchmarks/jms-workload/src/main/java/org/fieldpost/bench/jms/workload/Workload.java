package org.fieldpost.bench.jms.workload;

import jakarta.jms.ConnectionFactory;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * A JMS workload that runs unchanged against any provider: it sees only a {@link ConnectionFactory}
 * and the {@code jakarta.jms} API.
 *
 * <p>Concurrency: {@link #run} starts and joins its own threads; a workload object holds no
 * state between runs.
 */
public interface Workload {

    /** The name used on the command line, such as {@code queue-persistent}. */
    String name();

    /** One line on what it does, for the report. */
    String description();

    /**
     * Runs once: creates its own connections, sends and receives, closes everything. Blocks until
     * done; failures (a {@code JMSException}, a time-out, loss, duplicates) come back as an invalid
     * result rather than as an exception.
     */
    WorkloadResult run(ConnectionFactory factory, WorkloadSpec spec);
}
