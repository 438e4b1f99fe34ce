package org.fieldpost.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.fieldpost.bench.jms.WorkloadResult;

/**
 * Turns run records into Markdown: per workload a table of medians with their range over the
 * valid rounds, the ratios of each Fieldpost variant to each other provider, and the invalid runs
 * with their reasons. Invalid runs never contribute a figure.
 */
final class Report {
    static final String REQUEST_REPLY = "request-reply";

    private final List<RunRecord> records;
    private final List<String> providers;

    Report(List<RunRecord> records, List<String> providers) {
        this.records = List.copyOf(records);
        this.providers = List.copyOf(providers);
    }

    /** The records of one workload and provider, in round order. */
    List<RunRecord> of(String workload, String provider) {
        return records.stream().filter(r -> r.workload().equals(workload) && r.provider().equals(provider)).toList();
    }

    /** A figure's spread over the valid rounds of one workload and provider. */
    Spread spread(String workload, String provider, ToDoubleFunction<WorkloadResult> figure) {
        List<Double> values = new ArrayList<>();
        for (RunRecord record : of(workload, provider)) {
            if (record.result().valid()) {
                values.add(figure.applyAsDouble(record.result()));
            }
        }
        return Spread.of(values);
    }

    /** The Markdown section of one workload: its table, ratios and invalid runs. */
    String section(String workload, String description) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(workload).append("\n\n").append(description).append("\n\n");
        boolean latency = REQUEST_REPLY.equals(workload);
        out.append(latency
            ? "| provider | round trips/s | p50 µs | p99 µs | p99.9 µs | valid rounds |\n|---|---|---|---|---|---|\n"
            : "| provider | send msg/s | receive msg/s | valid rounds |\n|---|---|---|---|\n");
        for (String provider : providers) {
            List<RunRecord> runs = of(workload, provider);
            if (runs.isEmpty()) {
                continue;
            }
            long valid = runs.stream().filter(r -> r.result().valid()).count();
            out.append("| ").append(provider);
            if (latency) {
                out.append(" | ").append(spread(workload, provider, WorkloadResult::receiveRate).format())
                    .append(" | ").append(spread(workload, provider, WorkloadResult::p50Micros).format())
                    .append(" | ").append(spread(workload, provider, WorkloadResult::p99Micros).format())
                    .append(" | ").append(spread(workload, provider, WorkloadResult::p999Micros).format());
            } else {
                out.append(" | ").append(spread(workload, provider, WorkloadResult::sendRate).format())
                    .append(" | ").append(spread(workload, provider, WorkloadResult::receiveRate).format());
            }
            out.append(" | ").append(valid == runs.size() ? valid + "/" + runs.size() : "**" + valid + "/"
                + runs.size() + "**").append(" |\n");
        }
        out.append(ratios(workload));
        out.append(invalidRuns(workload));
        return out.toString();
    }

    /** Fieldpost / other, on receive rate (or round trips per second for request-reply): above 1, Fieldpost leads. */
    String ratios(String workload) {
        List<String> fieldposts = providers.stream().filter(p -> p.startsWith("fieldpost")).toList();
        List<String> others = providers.stream().filter(p -> !p.startsWith("fieldpost")).toList();
        if (fieldposts.isEmpty() || others.isEmpty()) {
            return "";
        }
        String what = REQUEST_REPLY.equals(workload) ? "round trips/s" : "receive msg/s";
        StringBuilder out = new StringBuilder("\nRatio of medians, Fieldpost / other (" + what
            + "; above 1 Fieldpost is faster):\n\n| | " + String.join(" | ", others) + " |\n|---|");
        out.append("---|".repeat(others.size())).append('\n');
        for (String fieldpost : fieldposts) {
            Spread mine = spread(workload, fieldpost, WorkloadResult::receiveRate);
            out.append("| ").append(fieldpost);
            for (String other : others) {
                Spread theirs = spread(workload, other, WorkloadResult::receiveRate);
                out.append(" | ").append(mine.isEmpty() || theirs.isEmpty() ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", mine.median() / theirs.median()));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private String invalidRuns(String workload) {
        StringBuilder out = new StringBuilder();
        for (RunRecord record : records) {
            if (record.workload().equals(workload) && !record.result().valid()) {
                out.append("- INVALID: ").append(record.provider()).append(" round ").append(record.round())
                    .append(": ").append(record.result().problem()).append('\n');
            }
        }
        return out.length() == 0 ? "" : "\n" + out;
    }

    /** Each provider's broker description, as the workers reported it (the first one seen). */
    Map<String, String> brokers() {
        Map<String, String> brokers = new LinkedHashMap<>();
        for (String provider : providers) {
            records.stream().filter(r -> r.provider().equals(provider) && !r.broker().isEmpty()).findFirst()
                .ifPresent(r -> brokers.put(provider, r.broker()));
        }
        return brokers;
    }
}
