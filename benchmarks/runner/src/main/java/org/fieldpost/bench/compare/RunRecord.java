package org.fieldpost.bench.compare;

import org.fieldpost.bench.jms.WorkloadResult;

/**
 * One worker run: a provider, a workload, a round, and what came back.
 *
 * @param workload the workload's name
 * @param provider the provider's name
 * @param round 1-based
 * @param result the worker's result (an invalid one when the worker failed or timed out)
 * @param broker the worker's description of the broker, or {@code ""}
 * @param wallSeconds how long the worker process lived, start-up and warm-up included
 */
record RunRecord(String workload, String provider, int round, WorkloadResult result, String broker,
    double wallSeconds) {
}
