package org.fieldpost.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** A message with a property of every JMS type and some awkward values; a helper to check three-valued results. */
final class SampleMessage {
    /** The properties; {@code missing} (or any other name) is absent. */
    static final Map<String, Object> PROPERTIES = properties();

    private SampleMessage() {
    }

    private static Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("i", 5);
        p.put("l", 5L);
        p.put("d", 5.0);
        p.put("f", 5.0f);
        p.put("b", (byte) 5);
        p.put("s", (short) 5);
        p.put("neg", -3);
        p.put("zero", 0);
        p.put("imax", Integer.MAX_VALUE);
        p.put("imin", Integer.MIN_VALUE);
        p.put("lmax", Long.MAX_VALUE);
        p.put("lmin", Long.MIN_VALUE);
        p.put("big", 16_777_217);
        p.put("fbig", 16_777_216f);
        p.put("tenth", 0.1);
        p.put("ftenth", 0.1f);
        p.put("nan", Double.NaN);
        p.put("inf", Double.POSITIVE_INFINITY);
        p.put("str", "abc");
        p.put("num", "2");
        p.put("empty", "");
        p.put("country", "UK");
        p.put("quote", "it's");
        p.put("regex", ".*+?[](){}^$|\\");
        p.put("under", "_foo");
        p.put("pct", "50%");
        p.put("uni", "a\uD83D\uDE00b");
        p.put("multi", "line1\nline2");
        p.put("bt", true);
        p.put("bf", false);
        p.put("bytes", new byte[] {1, 2});
        p.put("Case", "upper");
        p.put("case", "lower");
        return Map.copyOf(p);
    }

    /** The sample message as a selector context. */
    static SelectorContext context() {
        return PROPERTIES::get;
    }

    /**
     * Asserts the three-valued result of a selector on the sample message, through the package-private evaluation and
     * through the public contract: {@code matches} only for TRUE, and {@code NOT (selector)} matches only for FALSE.
     *
     * @param expected 'T', 'F' or 'U'
     */
    static void assertTruth(String selector, char expected) throws SelectorSyntaxException {
        assertTruth(selector, context(), expected);
    }

    static void assertTruth(String selector, SelectorContext ctx, char expected) throws SelectorSyntaxException {
        Truth truth = switch (expected) {
            case 'T' -> Truth.TRUE;
            case 'F' -> Truth.FALSE;
            default -> Truth.UNKNOWN;
        };
        Selector compiled = Selector.parse(selector);
        assertThat(compiled.evaluate(ctx)).as("%s (parsed as %s)", selector, compiled).isEqualTo(truth);
        assertThat(compiled.matches(ctx)).as("matches %s", selector).isEqualTo(truth == Truth.TRUE);
        assertThat(Selector.parse("NOT (" + selector + ")").matches(ctx)).as("matches NOT (%s)", selector)
            .isEqualTo(truth == Truth.FALSE);
    }
}
