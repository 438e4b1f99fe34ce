package org.fieldpost.protocol.selector;

import static org.fieldpost.protocol.selector.SampleMessage.assertTruth;
import static org.fieldpost.protocol.selector.SelectorEvaluationTest.row;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BETWEEN, IN, LIKE and IS NULL on {@link SampleMessage}, each with the equivalences and NULL rules of Jakarta
 * Messaging 3.1 section 3.8.1.1. Rows as in {@link SelectorEvaluationTest}.
 */
class SelectorPredicatesTest {

    static Stream<Arguments> between() {
        return Stream.of(
            row("i BETWEEN 1 AND 9", 'T'), row("i BETWEEN 5 AND 5", 'T'), row("i BETWEEN 6 AND 9", 'F'),
            row("i BETWEEN 9 AND 1", 'F'), row("i NOT BETWEEN 1 AND 9", 'F'), row("i NOT BETWEEN 6 AND 9", 'T'),
            row("i not between 5 and 5", 'F'), row("d BETWEEN 4.5 AND 5.5", 'T'), row("b BETWEEN s AND l", 'T'),
            row("i BETWEEN 2 * 2 AND i + 1", 'T'), row("-i BETWEEN -6 AND -4", 'T'),
            row("age BETWEEN 15 AND 19", 'U'), row("missing NOT BETWEEN 15 AND 19", 'U'),
            // Bounds that are NULL: BETWEEN is "i >= low AND i <= high", NOT BETWEEN "i < low OR i > high".
            row("i BETWEEN missing AND 9", 'U'), row("i BETWEEN missing AND 3", 'F'),
            row("i NOT BETWEEN missing AND 9", 'U'), row("i NOT BETWEEN missing AND 3", 'T'),
            // A string value is a non-like type: each comparison is FALSE, so both forms are FALSE.
            row("str BETWEEN 1 AND 9", 'F'), row("str NOT BETWEEN 1 AND 9", 'F'), row("nan BETWEEN 0 AND 1", 'F'),
            row("nan NOT BETWEEN 0 AND 1", 'F'),
            // The AND of BETWEEN binds to it, then a logical AND may follow.
            row("i BETWEEN 1 AND 9 AND bt", 'T'), row("i BETWEEN 1 AND 9 AND bf", 'F'),
            row("bf OR i BETWEEN 1 AND 9", 'T'));
    }

    static Stream<Arguments> in() {
        return Stream.of(
            row("country IN ('UK', 'US', 'France')", 'T'), row("country IN ('Peru')", 'F'),
            row("country NOT IN ('UK', 'US', 'France')", 'F'), row("country NOT IN ('Peru')", 'T'),
            row("country in ('uk')", 'F'), row("country IN ('UK')", 'T'), row("quote IN ('it''s')", 'T'),
            row("empty IN ('')", 'T'), row("country IN ('UK', 'UK')", 'T'),
            row("missing IN ('UK')", 'U'), row("missing NOT IN ('UK')", 'U'),
            // "Country IN (...)" is "(Country = 'UK') OR ...": FALSE for a number, so NOT IN is TRUE.
            row("i IN ('5')", 'U'), row("i NOT IN ('5')", 'U'), row("bt IN ('TRUE', 'true')", 'U'),
            row("NOT country IN ('UK')", 'F'), row("country IN ('US') OR str IN ('abc')", 'T'));
    }

    static Stream<Arguments> like() {
        return Stream.of(
            row("str LIKE 'abc'", 'T'), row("str LIKE 'ab'", 'F'), row("str LIKE 'a%'", 'T'),
            row("str LIKE '%c'", 'T'), row("str LIKE '%b%'", 'T'), row("str LIKE '%'", 'T'),
            row("str LIKE '%%%'", 'T'), row("str LIKE '_b_'", 'T'), row("str LIKE '__'", 'F'),
            row("str LIKE '___'", 'T'), row("str LIKE '____'", 'F'), row("str LIKE 'a%c'", 'T'),
            row("str LIKE 'a%b%c'", 'T'), row("str LIKE 'a%%c'", 'T'), row("str LIKE '%a%b%c%'", 'T'),
            row("str LIKE 'A%'", 'F'), row("str LIKE '%x%'", 'F'), row("str NOT LIKE 'a%'", 'F'),
            row("str NOT LIKE 'x%'", 'T'), row("empty LIKE ''", 'T'), row("empty LIKE '%'", 'T'),
            row("empty LIKE '_'", 'F'), row("str LIKE ''", 'F'),
            row("under LIKE '\\_%' ESCAPE '\\'", 'T'), row("str LIKE '\\_%' ESCAPE '\\'", 'F'),
            row("pct LIKE '%!%' ESCAPE '!'", 'T'), row("str LIKE '%!%' ESCAPE '!'", 'F'),
            row("pct LIKE '50!%' ESCAPE '!'", 'T'), row("pct LIKE '5_!%' ESCAPE '!'", 'T'),
            row("quote LIKE 'it''%'", 'T'), row("quote LIKE '%''s'", 'T'), row("quote LIKE 'it!!s' ESCAPE '!'", 'F'),
            row("str LIKE 'aabc' ESCAPE 'a'", 'T'), row("pct LIKE '50%%' ESCAPE '%'", 'T'),
            row("pct LIKE '5%%' ESCAPE '%'", 'F'),
            // Regular expression metacharacters stand for themselves.
            row("regex LIKE '.*+?[](){}^$|\\'", 'T'), row("regex LIKE '.*%'", 'T'), row("str LIKE '.*'", 'F'),
            row("str LIKE 'a.c'", 'F'), row("str LIKE '[a]bc'", 'F'), row("str LIKE '^abc$'", 'F'),
            row("str LIKE 'ab|c'", 'F'), row("regex LIKE '%\\'", 'T'), row("str LIKE '(abc)'", 'F'),
            // '_' is one character, also outside the Basic Multilingual Plane.
            row("uni LIKE 'a_b'", 'T'), row("uni LIKE 'a__b'", 'F'), row("uni LIKE '%\uD83D\uDE00%'", 'T'),
            row("multi LIKE 'line1_line2'", 'T'), row("multi LIKE 'line1%'", 'T'),
            row("missing LIKE '%'", 'U'), row("missing NOT LIKE '%'", 'U'),
            // A value that is not a string is like no pattern.
            row("i LIKE '5'", 'U'), row("i NOT LIKE '5'", 'U'), row("bt LIKE '%'", 'U'));
    }

    static Stream<Arguments> isNull() {
        return Stream.of(
            row("missing IS NULL", 'T'), row("missing IS NOT NULL", 'F'), row("i IS NULL", 'F'),
            row("i IS NOT NULL", 'T'), row("empty IS NULL", 'F'), row("bf IS NOT NULL", 'T'),
            row("nan IS NOT NULL", 'T'), row("missing is null", 'T'), row("missing Is Not Null", 'F'),
            row("NOT missing IS NULL", 'F'), row("missing IS NULL AND i = 5", 'T'),
            row("missing IS NULL OR missing = 1", 'T'), row("bytes IS NULL", 'T'));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource({"between", "in", "like", "isNull"})
    void evaluates(String selector, char expected) throws SelectorSyntaxException {
        assertTruth(selector, expected);
    }

    /** The examples of section 3.8.1.1, each with the one property it names. */
    static Stream<Arguments> specificationExamples() {
        return Stream.of(
            example("age BETWEEN 15 AND 19", "age", 15, 'T'), example("age BETWEEN 15 AND 19", "age", 20, 'F'),
            example("age NOT BETWEEN 15 AND 19", "age", 14, 'T'),
            example("age NOT BETWEEN 15 AND 19", "age", 19, 'F'),
            example("Country IN ('UK', 'US', 'France')", "Country", "UK", 'T'),
            example("Country IN ('UK', 'US', 'France')", "Country", "Peru", 'F'),
            example("Country NOT IN ('UK', 'US', 'France')", "Country", "UK", 'F'),
            example("Country NOT IN ('UK', 'US', 'France')", "Country", "Peru", 'T'),
            example("phone LIKE '12%3'", "phone", "123", 'T'), example("phone LIKE '12%3'", "phone", "12993", 'T'),
            example("phone LIKE '12%3'", "phone", "1234", 'F'), example("word LIKE 'l_se'", "word", "lose", 'T'),
            example("word LIKE 'l_se'", "word", "loose", 'F'),
            example("underscored LIKE '\\_%' ESCAPE '\\'", "underscored", "_foo", 'T'),
            example("underscored LIKE '\\_%' ESCAPE '\\'", "underscored", "bar", 'F'),
            example("phone NOT LIKE '12%3'", "phone", "123", 'F'),
            example("phone NOT LIKE '12%3'", "phone", "12993", 'F'),
            example("phone NOT LIKE '12%3'", "phone", "1234", 'T'),
            example("prop_name IS NULL", "other", 1, 'T'), example("prop_name IS NOT NULL", "prop_name", 1, 'T'),
            example("NumberOfOrders > 1", "NumberOfOrders", "2", 'F'),
            example("NumberOfOrders > 1", "NumberOfOrders", 2, 'T'));
    }

    @ParameterizedTest(name = "{0} with {1} = {2} is {3}")
    @MethodSource("specificationExamples")
    void followsTheSpecificationExamples(String selector, String name, Object value, char expected)
        throws SelectorSyntaxException {
        assertTruth(selector, Map.of(name, value)::get, expected);
    }

    private static Arguments example(String selector, String name, Object value, char expected) {
        return Arguments.of(selector, name, value, expected);
    }
}
