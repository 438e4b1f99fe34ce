package org.fieldpost.bench.jms;

import jakarta.jms.ConnectionFactory;

/**
 * A broker started by a {@link BrokerPlugin}, with the client factory that reaches it.
 *
 * <p>Concurrency: {@link #connectionFactory()} may be called from any thread; {@link #close()}
 * from the worker's main thread once every connection is closed.
 */
public interface RunningBroker extends AutoCloseable {

    /** The factory that the workloads use; never null, does not block. */
    ConnectionFactory connectionFactory();

    /** One line for the report: product and version, transport, store and its sync policy. */
    String description();

    /** Stops the broker (and its process, if it has one); blocks until it is down. */
    @Override
    void close() throws Exception;
}
