package org.fieldpost.bench.jms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts one provider's broker for a worker process. Implementations are found with
 * {@link java.util.ServiceLoader}; each provider module on a worker's classpath registers one.
 *
 * <p>Concurrency: a worker calls a plug-in from its main thread only.
 */
public interface BrokerPlugin {

    /**
     * The provider names this plug-in can start, such as {@code artemis} and {@code artemis-vm}.
     * Does not block and throws nothing.
     */
    List<String> names();

    /**
     * Starts a broker that keeps its data in {@code dataDirectory} (fresh and empty) and returns
     * once it accepts connections. Blocks for the broker's start-up.
     *
     * @param name one of {@link #names()}
     * @param dataDirectory an empty directory that the broker owns until it is closed
     * @param options provider options from the runner ({@code --option key=value}); unknown keys are ignored
     * @throws Exception when the broker cannot start; the worker then reports the run as failed
     */
    RunningBroker start(String name, Path dataDirectory, Map<String, String> options) throws Exception;
}
