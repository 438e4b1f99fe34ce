package org.fieldpost.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, from the per-class output file failsafe writes ({@code CLASS-output.txt}), what the TCK
 * logged while each test ran, between the markers {@code TckLogExtension} prints, and picks the line
 * that most likely says why a test failed: the first {@code SEVERE} record (the TCK's
 * {@code logger.log(ERROR, ...)}), else the first line that sounds like a failure. Many TCK tests log
 * the reason, then throw an exception that carries only the test's name.
 */
final class TckLogExcerpts {

    /** Marker printed before a test's {@code @BeforeEach} methods, followed by the test method's name. */
    static final String BEGIN = "==== begin ";
    /** Marker printed after a test's {@code @AfterEach} methods: name, colon, outcome. */
    static final String END = "==== end ";

    private static final String HARNESS = "Harness - ";
    private static final String SEVERE = "SEVERE: ";
    private static final Pattern JUL_LEVEL = Pattern.compile("(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ");
    private static final Pattern TELLING = Pattern.compile(
        "(?i)error|fail|exception|expected|incorrect|wrong|did ?n[o']t|not received|should|unexpected|timed out");

    /** Logged once per JVM: the TCK looks for a JavaTest properties file this runner does not use. */
    private static final String PROPS_FILE_NOISE = "Error reading the Properties object";
    private static final int WIDTH = 200;

    private TckLogExcerpts() {
    }

    /**
     * The telling log line of each test of {@code className} that logged one, by test method name;
     * empty when the output file is absent.
     */
    static Map<String, String> read(Path reports, String className) throws IOException {
        Path output = reports.resolve(className + "-output.txt");
        if (!Files.isRegularFile(output)) {
            return Map.of();
        }
        return fromLines(Files.readAllLines(output, StandardCharsets.UTF_8));
    }

    static Map<String, String> fromLines(List<String> lines) {
        Map<String, String> excerpts = new HashMap<>();
        String test = null;
        String severe = null;
        String telling = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String text = logText(line);
            if (text == null) {
                continue;
            }
            if (text.startsWith(BEGIN)) {
                test = text.substring(BEGIN.length()).strip();
                severe = null;
                telling = null;
            } else if (text.startsWith(END)) {
                String excerpt = severe != null ? severe : telling;
                if (test != null && excerpt != null) {
                    excerpts.put(test, excerpt);
                }
                test = null;
            } else if (test != null && line.startsWith(SEVERE)) {
                // The first error: later ones are usually the cleanup the failure caused.
                severe = severe == null ? shorten(withException(text, lines, i + 1)) : severe;
            } else if (test != null && !text.startsWith(PROPS_FILE_NOISE) && TELLING.matcher(text).find()) {
                telling = telling == null ? shorten(text) : telling;
            }
        }
        return excerpts;
    }

    /**
     * The message of a log line: TestUtil's ({@code DATE:  Harness - TEXT}) or the second line of a
     * java.util.logging record ({@code LEVEL: TEXT}, what the TCK's System.Logger writes); null for
     * anything else (stack traces, record headers).
     */
    private static String logText(String line) {
        int at = line.indexOf(HARNESS);
        if (at >= 0) {
            return line.substring(at + HARNESS.length()).strip();
        }
        Matcher level = JUL_LEVEL.matcher(line);
        return level.lookingAt() ? line.substring(level.end()).strip() : null;
    }

    /** "Error: X threw: " is followed by the exception's first line; take it along. */
    private static String withException(String text, List<String> lines, int next) {
        if (text.endsWith(":") && next < lines.size() && logText(lines.get(next)) == null
            && !lines.get(next).isBlank()) {
            return text + " " + lines.get(next).strip();
        }
        return text;
    }

    private static String shorten(String text) {
        return text.length() > WIDTH ? text.substring(0, WIDTH - 3) + "..." : text;
    }
}
