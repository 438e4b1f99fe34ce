package org.fieldpost.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Writes the summary of a TCK run from failsafe's XML reports: counts overall, per TCK area
 * ({@code core}, {@code core20}) and per package, then every test that did not pass with the
 * gist of why. Run by the {@code tck} profile after the tests; also printed.
 *
 * <p>Usage: {@code TckSummary REPORTS_DIR OUTPUT_FILE [TITLE]}.
 */
public final class TckSummary {

    private static final String TCK_PACKAGE = "com.sun.ts.tests.jms.";
    private static final int MESSAGE_WIDTH = 200;

    /** What became of one test. */
    enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    /**
     * One {@code testcase} of a report; {@code reason} (from the report) and {@code log} (the telling
     * line of the TCK's log) are empty for passed tests.
     */
    record TestResult(String className, String name, Outcome outcome, double seconds, String reason, String log) {

        TestResult withLog(String line) {
            return new TestResult(className, name, outcome, seconds, reason, line);
        }

        String packageName() {
            int dot = className.lastIndexOf('.');
            return dot < 0 ? "" : className.substring(0, dot);
        }
    }

    /** Counts of a group of tests. */
    static final class Tally {
        private int run;
        private int passed;
        private int failed;
        private int skipped;
        private double seconds;

        void add(TestResult result) {
            run++;
            seconds += result.seconds();
            switch (result.outcome()) {
                case PASSED -> passed++;
                case SKIPPED -> skipped++;
                default -> failed++;
            }
        }

        int run() {
            return run;
        }

        int passed() {
            return passed;
        }

        int failed() {
            return failed;
        }

        int skipped() {
            return skipped;
        }

        String row(String label, int width) {
            return String.format(Locale.ROOT, "%-" + width + "s %5d %6d %6d %7d %8.1f%n", label, run, passed, failed,
                skipped, seconds);
        }
    }

    private TckSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TckSummary REPORTS_DIR OUTPUT_FILE [TITLE]");
            System.exit(2);
        }
        String title = args.length > 2 ? args[2] : "";
        String summary = format(read(Path.of(args[0])), title, Instant.now());
        Path output = Path.of(args[1]);
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, summary, StandardCharsets.UTF_8);
        System.out.print(summary);
    }

    /** Every test of every {@code TEST-*.xml} report in {@code reports}, in file name order; none if absent. */
    static List<TestResult> read(Path reports) throws IOException {
        List<TestResult> results = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return results;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        }
        DocumentBuilder parser = newParser();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                NodeList cases = parser.parse(in).getElementsByTagName("testcase");
                Map<String, Map<String, String>> logs = new HashMap<>();
                for (int i = 0; i < cases.getLength(); i++) {
                    TestResult result = testResult((Element) cases.item(i));
                    if (result.outcome() == Outcome.FAILED || result.outcome() == Outcome.ERROR) {
                        Map<String, String> excerpts = logs.get(result.className());
                        if (excerpts == null) {
                            excerpts = TckLogExcerpts.read(reports, result.className());
                            logs.put(result.className(), excerpts);
                        }
                        result = result.withLog(excerpts.getOrDefault(result.name(), ""));
                    }
                    results.add(result);
                }
            } catch (SAXException e) {
                throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    private static DocumentBuilder newParser() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    private static TestResult testResult(Element testcase) {
        String className = testcase.getAttribute("classname");
        String name = testcase.getAttribute("name");
        double seconds = parseSeconds(testcase.getAttribute("time"));
        for (Outcome outcome : List.of(Outcome.ERROR, Outcome.FAILED, Outcome.SKIPPED)) {
            String tag = switch (outcome) {
                case ERROR -> "error";
                case FAILED -> "failure";
                default -> "skipped";
            };
            NodeList found = testcase.getElementsByTagName(tag);
            if (found.getLength() > 0) {
                return new TestResult(className, name, outcome, seconds, reason((Element) found.item(0)), "");
            }
        }
        return new TestResult(className, name, Outcome.PASSED, seconds, "", "");
    }

    private static double parseSeconds(String time) {
        try {
            return time.isEmpty() ? 0 : Double.parseDouble(time.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The gist of a failure: its type and first message line, and the innermost cause, where the TCK
     * usually puts the reason (its tests wrap everything in {@code Exception(testName, e)}).
     */
    static String reason(Element problem) {
        String type = problem.getAttribute("type");
        String message = firstLine(problem.getAttribute("message"));
        StringBuilder reason = new StringBuilder(type.isEmpty() ? "" : type);
        if (!message.isEmpty()) {
            reason.append(reason.length() > 0 ? ": " : "").append(message);
        }
        String innermost = null;
        for (String line : problem.getTextContent().split("\\R")) {
            if (line.startsWith("Caused by: ")) {
                innermost = line.substring("Caused by: ".length()).trim();
            }
        }
        if (innermost != null) {
            reason.append(" <- ").append(innermost);
        }
        return reason.length() > MESSAGE_WIDTH ? reason.substring(0, MESSAGE_WIDTH - 3) + "..." : reason.toString();
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }

    /** The summary text of {@code results}. */
    static String format(List<TestResult> results, String title, Instant when) {
        Tally total = new Tally();
        Map<String, Tally> areas = new TreeMap<>();
        Map<String, Tally> packages = new TreeMap<>();
        for (TestResult result : results) {
            String packageName = shortName(result.packageName());
            int dot = packageName.indexOf('.');
            String area = dot < 0 ? packageName : packageName.substring(0, dot);
            total.add(result);
            areas.computeIfAbsent(area, k -> new Tally()).add(result);
            packages.computeIfAbsent(packageName, k -> new Tally()).add(result);
        }
        int width = Math.max(20, packages.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append("Jakarta Messaging TCK against Fieldpost").append(title.isEmpty() ? "" : " (" + title + ")")
            .append(", ").append(when.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        out.append(String.format(Locale.ROOT, "run %d, passed %d, failed %d, skipped %d%n%n", total.run(),
            total.passed(), total.failed(), total.skipped()));
        String header = String.format(Locale.ROOT, "%-" + width + "s %5s %6s %6s %7s %8s%n", "", "run", "passed",
            "failed", "skipped", "seconds");
        out.append(header);
        areas.forEach((area, tally) -> out.append(tally.row(area, width)));
        out.append(total.row("total", width)).append('\n').append(header);
        packages.forEach((name, tally) -> out.append(tally.row(name, width)));
        List<TestResult> notPassed = results.stream()
            .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR).toList();
        out.append('\n').append(notPassed.isEmpty() ? "No test failed." : "Failed tests:").append('\n');
        for (TestResult result : notPassed) {
            out.append("  ").append(shortName(result.className())).append('#').append(result.name()).append('\n')
                .append("      ").append(result.reason()).append('\n');
            if (!result.log().isEmpty()) {
                out.append("      log: ").append(result.log()).append('\n');
            }
        }
        return out.toString();
    }

    private static String shortName(String name) {
        return name.startsWith(TCK_PACKAGE) ? name.substring(TCK_PACKAGE.length()) : name;
    }
}
