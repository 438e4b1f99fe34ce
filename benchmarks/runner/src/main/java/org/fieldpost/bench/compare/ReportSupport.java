package org.fieldpost.bench.compare;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.fieldpost.bench.jms.workload.Workloads;

/** The report's frame (machine, date, command, brokers) and the place of the running jar. */
final class ReportSupport {
    private ReportSupport() {
    }

    /** A path relative to the folder of the jar (or classes folder) this class was loaded from. */
    static Path besideJar(String relative) {
        try {
            Path location = Path.of(JmsCompare.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String markdown(Report report, List<String> workloads, String command, int size, Path markdownFile,
        Path svgDirectory) {
        StringBuilder out = new StringBuilder();
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .append("  \nMachine: ").append(machine()).append("  \nCommand: `").append(command).append("`\n\n");
        out.append("Brokers, as each worker described them:\n\n");
        for (Map.Entry<String, String> broker : report.brokers().entrySet()) {
            out.append("- `").append(broker.getKey()).append("`: ").append(broker.getValue()).append('\n');
        }
        out.append("\nFigures are the median of the valid rounds, [min–max] after it; ")
            .append(size).append("-byte bodies. A round with loss, duplicates or an error is INVALID and gives no ")
            .append("figure.\n\n");
        for (String workload : workloads) {
            out.append(report.section(workload, Workloads.named(workload).description()));
            if (svgDirectory != null) {
                Path svg = svgDirectory.resolve(workload + ".svg");
                Path base = markdownFile == null ? null : markdownFile.toAbsolutePath().getParent();
                String link = base == null ? svg.toString() : base.relativize(svg.toAbsolutePath()).toString();
                out.append("\n![").append(workload).append("](").append(link).append(")\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String machine() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
            + (memory.isEmpty() ? "" : ", " + memory + " memory") + ", " + System.getProperty("os.name") + " "
            + System.getProperty("os.version") + ", Java " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version");
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
