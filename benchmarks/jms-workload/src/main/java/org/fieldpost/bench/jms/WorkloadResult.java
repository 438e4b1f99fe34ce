package org.fieldpost.bench.jms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one workload run measured, and whether it counts: a run with loss, duplicates or an error
 * is {@linkplain #valid() invalid} and its figures must not be reported.
 *
 * <p>Travels from a worker to the runner as one line on standard output ({@link #toLine()},
 * {@link #parse(String)}). Rates are messages per second; latencies are round trips in
 * microseconds, or {@code NaN} for workloads without them.
 *
 * @param workload the workload's name
 * @param valid exactly once and no error
 * @param messages messages sent (deliveries for a topic are counted in {@code receiveRate})
 * @param sendRate messages sent per second, from the start until the last producer finished
 * @param receiveRate messages (or topic deliveries) received per second, from the start until the last arrived
 * @param p50Micros median round trip
 * @param p99Micros 99th percentile round trip
 * @param p999Micros 99.9th percentile round trip
 * @param problem why the run is invalid, or {@code ""}
 */
public record WorkloadResult(String workload, boolean valid, long messages, double sendRate, double receiveRate,
    double p50Micros, double p99Micros, double p999Micros, String problem) {

    /** The prefix of a result line on a worker's standard output. */
    public static final String LINE_PREFIX = "RESULT\t";

    /** A failed run: no figures, only the reason. */
    public static WorkloadResult failed(String workload, long messages, String problem) {
        return new WorkloadResult(workload, false, messages, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, problem);
    }

    /** This result as one tab-separated {@code key=value} line starting with {@link #LINE_PREFIX}. */
    public String toLine() {
        return LINE_PREFIX + "workload=" + workload + "\tvalid=" + valid + "\tmessages=" + messages
            + "\tsend=" + number(sendRate) + "\treceive=" + number(receiveRate) + "\tp50=" + number(p50Micros)
            + "\tp99=" + number(p99Micros) + "\tp999=" + number(p999Micros)
            + "\tproblem=" + problem.replaceAll("[\\t\\r\\n]+", " ");
    }

    /** Reads a line written by {@link #toLine()}. */
    public static WorkloadResult parse(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(LINE_PREFIX.length()).split("\t")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return new WorkloadResult(fields.getOrDefault("workload", "?"),
            Boolean.parseBoolean(fields.get("valid")), Long.parseLong(fields.getOrDefault("messages", "0")),
            Double.parseDouble(fields.getOrDefault("send", "NaN")),
            Double.parseDouble(fields.getOrDefault("receive", "NaN")),
            Double.parseDouble(fields.getOrDefault("p50", "NaN")),
            Double.parseDouble(fields.getOrDefault("p99", "NaN")),
            Double.parseDouble(fields.getOrDefault("p999", "NaN")), fields.getOrDefault("problem", ""));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
    }
}
