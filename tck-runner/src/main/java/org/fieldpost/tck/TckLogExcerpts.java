package org.fieldpost.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads, from the per-class output file failsafe writes ({@code CLASS-output.txt}), what the TCK
 * logged while each test ran, between the markers {@code TckLogExtension} prints, and picks the line
 * that most likely says why a test failed: many TCK tests log the reason, then throw an exception
 * that carries only the test's name.
 */
final class TckLogExcerpts {

    /** Marker printed before a test's {@code @BeforeEach} methods, followed by the test method's name. */
    static final String BEGIN = "==== begin ";
    /** Marker printed after a test's {@code @AfterEach} methods: name, colon, outcome. */
    static final String END = "==== end ";

    private static final String LOG_PREFIX = "Harness - ";
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
        String telling = null;
        for (String line : lines) {
            int at = line.indexOf(LOG_PREFIX);
            if (at < 0) {
                continue;
            }
            String text = line.substring(at + LOG_PREFIX.length()).strip();
            if (text.startsWith(BEGIN)) {
                test = text.substring(BEGIN.length()).strip();
                telling = null;
            } else if (text.startsWith(END)) {
                if (test != null && telling != null) {
                    excerpts.put(test, telling);
                }
                test = null;
            } else if (test != null && !text.startsWith(PROPS_FILE_NOISE) && TELLING.matcher(text).find()) {
                // The first telling line: later ones are usually the cleanup the failure caused.
                telling = telling == null ? shorten(text) : telling;
            }
        }
        return excerpts;
    }

    private static String shorten(String text) {
        return text.length() > WIDTH ? text.substring(0, WIDTH - 3) + "..." : text;
    }
}
