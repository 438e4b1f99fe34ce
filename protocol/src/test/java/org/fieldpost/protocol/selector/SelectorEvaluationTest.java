package org.fieldpost.protocol.selector;

import static org.fieldpost.protocol.selector.SampleMessage.assertTruth;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Comparison, arithmetic, literals and logic on {@link SampleMessage}, one row per case: selector, then the expected
 * result, T (matches), F or U (unknown; neither the selector nor its negation matches). Jakarta Messaging 3.1
 * section 3.8.1.1 and 3.8.1.2.
 */
class SelectorEvaluationTest {

    static Stream<Arguments> comparisons() {
        return Stream.of(
            row("i = 5", 'T'), row("i <> 5", 'F'), row("i > 4", 'T'), row("i >= 5", 'T'), row("i < 5", 'F'),
            row("i <= 4", 'F'), row("5 = i", 'T'), row("neg < 0", 'T'), row("neg = -3", 'T'),
            row("i = missing", 'U'), row("missing = 1", 'U'), row("missing <> 1", 'U'), row("missing = missing", 'U'),
            row("str = 'abc'", 'T'), row("str <> 'abc'", 'F'), row("str = 'ABC'", 'F'), row("'abc' = str", 'T'),
            row("str = 'abc '", 'F'), row("empty = ''", 'T'), row("quote = 'it''s'", 'T'),
            row("multi = 'line1\nline2'", 'T'), row("str = country", 'F'), row("str <> country", 'T'),
            row("bt = TRUE", 'T'), row("bt = true", 'T'), row("bt = False", 'F'), row("bt <> bf", 'T'),
            row("bf = FALSE", 'T'), row("TRUE = TRUE", 'T'), row("TRUE <> FALSE", 'T'),
            // Non-like types: FALSE, not UNKNOWN (section 3.8.1.1), so the negation matches.
            row("num > 1", 'F'), row("num = 2", 'F'), row("str = 5", 'F'), row("str <> 5", 'F'),
            row("bt = 1", 'F'), row("bt = 'true'", 'F'), row("i = '5'", 'F'),
            // Strings and booleans only with = and <>: FALSE when both sides are identifiers.
            row("str > country", 'F'), row("str < country", 'F'), row("bt > bf", 'F'),
            // Identifiers are case-sensitive; keywords are not.
            row("Case = 'upper'", 'T'), row("case = 'lower'", 'T'), row("CASE = 'lower'", 'U'),
            // Header-like names are ordinary lookups here; see AmqpSelectorContextTest for the JMS mapping.
            row("bytes IS NULL", 'T'), row("bytes = 1", 'U'));
    }

    static Stream<Arguments> numericPromotion() {
        return Stream.of(
            row("i = l", 'T'), row("i = d", 'T'), row("i = f", 'T'), row("b = s", 'T'), row("b = i", 'T'),
            row("s = l", 'T'), row("l = 5.0", 'T'), row("d = 5", 'T'), row("f = 5", 'T'), row("b = 5", 'T'),
            row("i = 5.0", 'T'), row("i = 5.1", 'F'), row("i < 5.1", 'T'), row("l > 4.99", 'T'),
            row("lmax = 9223372036854775807", 'T'), row("lmax > 9223372036854775806", 'T'),
            row("lmin = -9223372036854775808", 'T'), row("imin = -2147483648", 'T'), row("imax = 2147483647", 'T'),
            row("imax < 2147483648", 'T'), row("imax + 1 < 0", 'T'), row("imax + 1L > 0", 'T'),
            row("lmax + 1 < 0", 'T'),
            // Java promotion: an int compared with a float is compared as a float, so 16777217 = 16777216f.
            row("big = fbig", 'T'), row("big = 16777216.0", 'F'),
            // A float property is not the double literal 0.1 but is the float literal 0.1f.
            row("ftenth = 0.1", 'F'), row("ftenth = 0.1f", 'T'), row("tenth = 0.1", 'T'), row("tenth = 0.1d", 'T'),
            // NaN is unequal to everything, itself included, as with Java's operators.
            row("nan = nan", 'F'), row("nan <> nan", 'T'), row("nan > 0", 'F'), row("nan < 0", 'F'),
            row("inf > lmax", 'T'), row("-inf < lmin", 'T'), row("0.0 = -0.0", 'T'));
    }

    static Stream<Arguments> arithmetic() {
        return Stream.of(
            row("i + 1 = 6", 'T'), row("i - 1 = 4", 'T'), row("i * 2 = 10", 'T'), row("i / 2 = 2", 'T'),
            row("i / 2.0 = 2.5", 'T'), row("d / 2 = 2.5", 'T'), row("neg / 2 = -1", 'T'), row("-i = -5", 'T'),
            row("+i = 5", 'T'), row("- -i = 5", 'T'), row("-(i) = -5", 'T'), row("-b = -5", 'T'),
            row("1 + 2 * 3 = 7", 'T'), row("(1 + 2) * 3 = 9", 'T'), row("10 - 4 - 3 = 3", 'T'),
            row("24 / 4 / 2 = 3", 'T'), row("2 * 3 + 4 * 5 = 26", 'T'), row("-2 * -3 = 6", 'T'),
            row("i + missing = 6", 'U'), row("missing * 0 = 0", 'U'), row("-missing = 0", 'U'),
            // Arithmetic on a non-number is NULL (UNKNOWN), not FALSE.
            row("str + 1 = 1", 'U'), row("num + 1 = 3", 'U'), row("bt * 1 = 1", 'U'), row("-str = 0", 'U'),
            row("bytes + 1 = 1", 'U'),
            // Exact division by zero is UNKNOWN (Java would throw); approximate division gives infinity or NaN.
            row("i / 0 = 0", 'U'), row("i / zero > 0", 'U'), row("l / 0 = 0", 'U'), row("i / 0.0 > lmax", 'T'),
            row("d / 0 > lmax", 'T'), row("-d / 0 < lmin", 'T'), row("zero / 0.0 = 0", 'F'),
            row("lmin / -1 = lmin", 'T'), row("imin / -1 = imin", 'T'),
            // Literal forms (Java literal syntax, section 3.8.1.1).
            row("0x10 = 16", 'T'), row("0X1f = 31", 'T'), row("010 = 8", 'T'), row("0b101 = 5", 'T'),
            row("1_000 = 1000", 'T'), row("5L = 5", 'T'), row("0xFFFFFFFF = -1", 'T'),
            row("0xFFFFFFFFL = 4294967295", 'T'), row("0x7fffffffffffffff = lmax", 'T'), row("7. = 7", 'T'),
            row(".5 = 0.5", 'T'), row("7E3 = 7000", 'T'), row("-57.9E2 = -5790", 'T'), row("+6.2 > 6", 'T'),
            row("1e-3 = 0.001", 'T'), row("2f = 2", 'T'), row("0x1p4 = 16", 'T'), row("0x1.8p1 = 3", 'T'),
            row("3000000000 > imax", 'T'), row("-2147483648 - 1 = imax", 'T'));
    }

    static Stream<Arguments> logic() {
        return Stream.of(
            // Table 3-4, AND.
            row("bt AND bt", 'T'), row("bt AND bf", 'F'), row("bt AND missing", 'U'),
            row("bf AND bt", 'F'), row("bf AND bf", 'F'), row("bf AND missing", 'F'),
            row("missing AND bt", 'U'), row("missing AND bf", 'F'), row("missing AND missing", 'U'),
            // Table 3-5, OR.
            row("bt OR bt", 'T'), row("bt OR bf", 'T'), row("bt OR missing", 'T'),
            row("bf OR bt", 'T'), row("bf OR bf", 'F'), row("bf OR missing", 'U'),
            row("missing OR bt", 'T'), row("missing OR bf", 'U'), row("missing OR missing", 'U'),
            // Table 3-6, NOT.
            row("NOT bt", 'F'), row("NOT bf", 'T'), row("NOT missing", 'U'), row("NOT NOT bt", 'T'),
            // A non-boolean identifier used as a condition is UNKNOWN.
            row("i", 'U'), row("str", 'U'), row("bt", 'T'), row("bf", 'F'), row("i AND bt", 'U'),
            row("str OR bt", 'T'), row("TRUE", 'T'), row("FALSE", 'F'), row("true AND NOT false", 'T'),
            // Precedence: NOT over AND over OR; comparison over NOT; arithmetic over comparison.
            row("bt OR bt AND bf", 'T'), row("(bt OR bt) AND bf", 'F'), row("NOT bf AND bf", 'F'),
            row("NOT (bf AND bf)", 'T'), row("bf AND bf OR bt", 'T'), row("NOT i = 4", 'T'),
            row("NOT i + 1 = 6", 'F'), row("i = 5 AND str = 'abc' OR bf", 'T'),
            row("bf OR i = 4 OR str = 'abc'", 'T'), row("missing = 1 OR i = 5", 'T'),
            row("missing = 1 AND i = 4", 'F'), row("(i > 1) = TRUE", 'T'), row("(i > 9) = bf", 'T'),
            row("(missing > 1) = TRUE", 'U'), row("((((i = 5))))", 'T'),
            row("JMSType = 'car' AND color = 'blue' AND weight > 2500", 'U'));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource({"comparisons", "numericPromotion", "arithmetic", "logic"})
    void evaluates(String selector, char expected) throws SelectorSyntaxException {
        assertTruth(selector, expected);
    }

    static Arguments row(String selector, char expected) {
        return Arguments.of(selector, expected);
    }
}
