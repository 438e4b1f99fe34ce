package org.fieldpost.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the grammar of Jakarta Messaging 3.1 section 3.8.1.1 accepts and rejects ("Jakarta Messaging providers are
 * required to verify the syntactic correctness of a message selector at the time it is presented"), and where the
 * error is reported.
 */
class SelectorSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\r\n\f "})
    void emptyOrBlankSelectorMatchesEverything(String text) throws SelectorSyntaxException {
        assertThat(Selector.parse(text)).isSameAs(Selector.ALL);
        assertThat(Selector.ALL.matches(null)).isTrue();
        assertThat(Selector.ALL.text()).isEmpty();
    }

    @Test
    void nullSelectorMatchesEverything() throws SelectorSyntaxException {
        assertThat(Selector.parse(null)).isSameAs(Selector.ALL);
    }

    @Test
    void keepsItsTextAndComparesByIt() throws SelectorSyntaxException {
        Selector selector = Selector.parse(" a = 1 ");
        assertThat(selector.text()).isEqualTo(" a = 1 ");
        assertThat(selector).isEqualTo(Selector.parse(" a = 1 ")).hasSameHashCodeAs(Selector.parse(" a = 1 "));
        assertThat(selector).isNotEqualTo(Selector.parse("a = 1"));
        assertThat(selector.toString()).contains("a = 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "TRUE", "false", "(a)", "a = 1", "a=1", "a<>1", "a>=1", "a<=1", "a > 1 AND b < 2 OR NOT c",
        "$a = 1", "_a = 1", "a$1_2 = 1", "\u00e9t\u00e9 = 'summer'", "a\u0660 = 1", "JMSXGroupID = 'g'",
        "JMS_vendor = 1", "JMSDestination IS NULL", "nulls = 1", "NOTE = 1", "andy = 1", "ORDER = 1",
        "isbn = 1", "escapes = 1", "a = 'it''s'", "a = ''''", "a = ''", "a = '%_\\'",
        "a = 0", "a = 00", "a = 0_7", "a = 0x0", "a = 0XFFFF", "a = 0b1", "a = 1L", "a = 1l", "a = 1_000_000",
        "a = 9223372036854775807", "a = -9223372036854775808", "a = 0xFFFFFFFFFFFFFFFFL", "a = 1.", "a = .1",
        "a = 1.0e10", "a = 1E+10", "a = 1e-10", "a = 1.5f", "a = 1.5F", "a = 1d", "a = 1D", "a = 0x1p-2",
        "a = 0x.8p1", "a = 1_0.0_1e1_0", "a = 4.9e-324", "a = 1.7976931348623157e308",
        "a = - - 1", "a = +-+1", "-a = 1", "a = b", "a = (b)", "(a = b)", "a = b + c * d / e - f",
        "a BETWEEN 1 AND 2", "a NOT BETWEEN -1 AND b + 1", "a IN ('x')", "a NOT IN ('x', 'y', 'z')",
        "a LIKE 'x'", "a NOT LIKE 'x%' ESCAPE '!'", "a LIKE 'x' ESCAPE ''''", "a IS NULL", "a IS NOT NULL",
        "(a) IN ('x')", "a = TRUE", "TRUE = a", "'x' = a", "a <> FALSE", "(a > 1) = (b > 2)", "NOT NOT a",
        "a = 'x' AND b", "a\n=\r1\tAND\fb", "a = 1 and b = 2 or c = 3", "a Between 1 aNd 2", "a not like 'x'",
        "a = 'unicode \uD83D\uDE00'", "\u0131n = 1", "\u017fs = 1", "a = 1 - -b"})
    void accepts(String text) throws SelectorSyntaxException {
        assertThat(Selector.parse(text)).isNotSameAs(Selector.ALL);
    }

    /** Rows: selector, expected error position, a fragment of the reason. */
    static Stream<Arguments> errors() {
        return Stream.of(
            error("5", 0, "conditional"), error("'abc'", 0, "conditional"), error("a + 1", 0, "conditional"),
            error("-a", 0, "conditional"), error("1.5", 0, "conditional"), error("(5)", 0, "conditional"),
            error("a = ", 4, "expected an identifier"), error("a =", 3, "end of the selector"),
            error("= 1", 0, "expected an identifier"), error("a = 1)", 5, "')'"), error("(a = 1", 6, "')'"),
            error("((a = 1)", 8, "')'"), error("a = 1 b", 6, "identifier"), error("a = 1 2", 6, "number"),
            error("a == 1", 3, "'='"), error("a != 1", 2, "'<>'"), error("a ! 1", 2, "'!'"),
            error("a = 1 ;", 6, "';'"), error("a = \"x\"", 4, "'\"'"), error("a = 1 -- no comments", 12, "identifier"),
            error("a = 1 /* c */", 7, "expected an identifier"), error("a & b", 2, "'&'"),
            error("a = 'x", 4, "unterminated"), error("a = 'x''", 4, "unterminated"), error("'", 0, "unterminated"),
            error("a = 1 = 2", 6, "chain"), error("a < b < c", 6, "chain"), error("a = 1 IS NULL", 6, "chain"),
            error("a IN ()", 6, "string literal"), error("a IN ('x',)", 10, "string literal"),
            error("a IN (1, 2)", 6, "string literal"), error("a IN 'x'", 5, "'('"), error("a IN ('x'", 9, "')'"),
            error("a IN ('x' 'y')", 10, "')'"), error("a IN (b)", 6, "string literal"),
            error("'x' IN ('x')", 0, "identifier"), error("1 IN ('x')", 0, "identifier"),
            error("a + 1 IN ('x')", 0, "identifier"), error("a LIKE 5", 7, "string literal"),
            error("a LIKE b", 7, "string literal"), error("a LIKE", 6, "string literal"),
            error("'abc' LIKE 'a%'", 0, "identifier"), error("a LIKE 'x' ESCAPE ''", 18, "exactly one"),
            error("a LIKE 'x' ESCAPE 'ab'", 18, "exactly one"), error("a LIKE 'x' ESCAPE 1", 18, "string literal"),
            error("a LIKE 'x!' ESCAPE '!'", 7, "escape"), error("a LIKE '!x' ESCAPE '!'", 7, "escape"),
            error("a LIKE 'abc' ESCAPE 'a'", 7, "escape"), error("a IS 1", 5, "NULL"),
            error("a IS NOT 1", 9, "NULL"), error("1 IS NULL", 0, "identifier"), error("a NOT NULL", 6, "BETWEEN"),
            error("a NOT = 1", 6, "BETWEEN"), error("a BETWEEN 1", 11, "AND"), error("a BETWEEN 1 OR 2", 12, "AND"),
            error("a BETWEEN 'x' AND 'y'", 10, "arithmetic"), error("'x' BETWEEN 1 AND 2", 0, "arithmetic"),
            error("a BETWEEN 1 AND", 15, "expected an identifier"), error("a = NULL", 4, "NULL"),
            error("NULL IS NULL", 0, "NULL"), error("a <> null", 5, "NULL"), error("NOT 5", 4, "conditional"),
            error("NOT 'x'", 4, "conditional"), error("a AND 1", 6, "conditional"), error("'x' OR a", 0, "conditional"),
            error("a AND b = 1 OR 2", 15, "conditional"), error("a + 'x' = 1", 4, "arithmetic"),
            error("TRUE = 0", 7, "cannot compare"), error("FALSE <> 1", 9, "cannot compare"),
            error("'a' = 1", 6, "cannot compare"), error("'5' = 5", 6, "cannot compare"),
            error("'x' + a = 1", 0, "arithmetic"), error("TRUE + 1 = a", 0, "arithmetic"),
            error("-'x' = a", 1, "arithmetic"), error("a = -TRUE", 5, "arithmetic"),
            error("(a = 1) + 1 = 2", 0, "arithmetic"), error("a > 'x'", 4, "= and <>"),
            error("'x' < a", 0, "= and <>"), error("a >= TRUE", 5, "= and <>"), error("(a = 1) > 0", 0, "= and <>"),
            error("AND = 1", 0, "expected an identifier"), error("a = OR", 4, "OR"), error("NOT", 3, "end"),
            error("in = 1", 0, "expected an identifier"), error("a = escape", 4, "ESCAPE"),
            error("between = 1", 0, "BETWEEN"), error("Is = 1", 0, "IS"), error("like = 1", 0, "LIKE"),
            error("a = 1 AND", 9, "end"), error("a = 1 OR OR b", 9, "OR"), error("()", 1, "')'"),
            error("a = 1x", 4, "malformed"), error("a = 1L2", 4, "malformed"), error("a = 09", 4, "octal"),
            error("a = 0x", 4, "malformed"), error("a = 0xG", 4, "malformed"), error("a = 0b2", 4, "malformed"),
            error("a = 1_", 5, "'_'"), error("a = 0x_1", 6, "'_'"), error("a = 1__", 6, "'_'"),
            error("a = 1e", 4, "exponent"), error("a = 1e+", 4, "exponent"), error("a = 1.5L", 4, "malformed"),
            error("a = 0x1.8", 4, "exponent"), error("a = 1e400", 4, "too large"), error("a = 1e-400", 4, "too small"),
            error("a = 9223372036854775808", 4, "range"), error("a = 18446744073709551616", 4, "range"),
            error("a = -9223372036854775809", 5, "range"), error("a = 0x1FFFFFFFFFFFFFFFF", 4, "range"),
            error("a = .", 4, "'.'"), error("a = 1 # 2", 6, "'#'"), error("a = 1\u00a0", 5, "U+00A0"),
            error("a = 1\u000b", 5, "U+000B"), error("a = 1 \u0000", 6, "U+0000"),
            error("a \u0131n ('x')", 2, "identifier"), error("a \u017fS NULL", 2, "identifier"));
    }

    @ParameterizedTest(name = "{0} fails at {1}")
    @MethodSource("errors")
    void rejects(String text, int position, String reason) {
        assertThatThrownBy(() -> Selector.parse(text))
            .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> {
                assertThat(e.reason()).as("reason").containsIgnoringCase(reason);
                assertThat(e.position()).as("position in %s: %s", text, e.getMessage()).isEqualTo(position);
                assertThat(e.getMessage()).isEqualTo(e.reason() + " at position " + e.position());
            });
    }

    @Test
    void rejectsNestingDeeperThanTheLimitWithoutOverflowingTheStack() throws SelectorSyntaxException {
        int depth = Parser.MAX_DEPTH;
        assertThat(Selector.parse("(".repeat(depth) + "a" + ")".repeat(depth)).matches(ctx -> true)).isTrue();
        assertThatThrownBy(() -> Selector.parse("(".repeat(100_000) + "a" + ")".repeat(100_000)))
            .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> Selector.parse("NOT ".repeat(100_000) + "a"))
            .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> Selector.parse("a = " + "-".repeat(100_000) + "1"))
            .isInstanceOf(SelectorSyntaxException.class).hasMessageContaining("nested");
    }

    @Test
    void evaluatesLongFlatChainsWithoutDeepRecursion() throws SelectorSyntaxException {
        int terms = 50_000;
        String ors = "a = 0" + " OR a = 1".repeat(terms);
        String ands = "a > 0" + " AND a > 0".repeat(terms);
        String sum = "a" + " + 1".repeat(terms) + " > 0";
        SelectorContext ctx = name -> 1;
        assertThat(Selector.parse(ors).matches(ctx)).isTrue();
        assertThat(Selector.parse(ands).matches(ctx)).isTrue();
        assertThat(Selector.parse(sum).matches(ctx)).isTrue();
    }

    private static Arguments error(String text, int position, String reason) {
        return Arguments.of(text, position, reason);
    }
}
