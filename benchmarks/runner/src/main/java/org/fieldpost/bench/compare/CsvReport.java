package org.fieldpost.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fieldpost.bench.jms.WorkloadResult;

/** Every run as one CSV row; invalid runs keep their reason and no figures. */
final class CsvReport {
    static final String HEADER = "workload,provider,round,valid,messages,size,send_msg_s,receive_msg_s,"
        + "p50_us,p99_us,p999_us,wall_s,problem";

    private CsvReport() {
    }

    static void write(Path file, List<RunRecord> records, int size) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (RunRecord record : records) {
            lines.add(row(record, size));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static String row(RunRecord record, int size) {
        WorkloadResult r = record.result();
        return String.join(",", record.workload(), record.provider(), Integer.toString(record.round()),
            Boolean.toString(r.valid()), Long.toString(r.messages()), Integer.toString(size),
            figure(r.valid(), r.sendRate()), figure(r.valid(), r.receiveRate()), figure(r.valid(), r.p50Micros()),
            figure(r.valid(), r.p99Micros()), figure(r.valid(), r.p999Micros()),
            String.format(Locale.ROOT, "%.1f", record.wallSeconds()), quote(r.problem()));
    }

    private static String figure(boolean valid, double value) {
        return !valid || Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String quote(String text) {
        if (text.isEmpty()) {
            return "";
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
