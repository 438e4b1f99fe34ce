package org.fieldpost.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Evaluation contract: never throws for odd values; one selector is safe to evaluate from many threads. */
class SelectorRobustnessTest {
    private static final Object[] ODD_VALUES = {
        null, "", " ", "\u0000", "\uD800", "NaN", "1", Double.NaN, Float.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Float.MAX_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE, 0, 0L, 0.0f, true,
        false, new byte[] {1}, new Object(), BigDecimal.ONE, 'c', List.of(1), Map.of("a", 1), new int[0]};

    @ParameterizedTest
    @ValueSource(strings = {
        "a = b", "a <> b", "a < b", "a <= b", "a > b", "a >= b", "a + b = 0", "a - b < 0", "a * b > 0", "a / b = 1",
        "-a = b", "+a = b", "a / 0 = 0", "a / 0.0 = b", "a BETWEEN b AND a", "a NOT BETWEEN b AND b * 2",
        "a IN ('', 'NaN')", "a NOT IN ('1')", "a LIKE '%'", "a NOT LIKE '_%_'", "a IS NULL", "a IS NOT NULL",
        "a AND b", "a OR NOT b", "NOT a", "a", "(a = b) = (b = a)", "a * a * a * a * a * a > b"})
    void neverThrowsForAnyPairOfValues(String text) throws SelectorSyntaxException {
        Selector selector = Selector.parse(text);
        for (Object a : ODD_VALUES) {
            for (Object b : ODD_VALUES) {
                SelectorContext ctx = name -> name.equals("a") ? a : b;
                assertThatCode(() -> selector.matches(ctx)).as("%s with a=%s b=%s", text, a, b)
                    .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void valuesOfOtherTypesReadAsNull() throws SelectorSyntaxException {
        for (Object odd : new Object[] {new byte[] {1}, BigDecimal.ONE, 'c', List.of("x"), new Object()}) {
            SampleMessage.assertTruth("a IS NULL", name -> odd, 'T');
            SampleMessage.assertTruth("a = a", name -> odd, 'U');
        }
    }

    @Test
    void oneSelectorEvaluatesConsistentlyOnEightThreads() throws Exception {
        Selector selector = Selector.parse(
            "JMSType = 'car' AND color IN ('blue', 'red') AND weight * 2 > 5000 AND name LIKE 'a%z' AND x IS NULL");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            messages.add(Map.of("JMSType", "car", "color", i % 2 == 0 ? "blue" : "green", "weight", 2000 + i * 20,
                "name", i % 3 == 0 ? "abcz" : "abc"));
        }
        boolean[] expected = new boolean[messages.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = selector.matches(messages.get(i)::get);
        }
        assertThat(expected).contains(true, false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    int mismatches = 0;
                    for (int round = 0; round < 5_000; round++) {
                        int i = round % expected.length;
                        mismatches += selector.matches(messages.get(i)::get) == expected[i] ? 0 : 1;
                    }
                    return mismatches;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                assertThat(result.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
