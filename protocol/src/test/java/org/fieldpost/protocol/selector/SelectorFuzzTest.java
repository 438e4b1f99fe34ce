package org.fieldpost.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated selectors: parsing yields a {@link Selector} or a {@link SelectorSyntaxException} with a position
 * inside the text, never another exception; whatever parses also evaluates without throwing.
 */
class SelectorFuzzTest {
    private static final long SEED = 0x5e1ec7L;
    private static final List<String> VALID = List.of(
        "a = 1", "JMSType = 'car' AND color = 'blue' AND weight > 2500", "a BETWEEN 1 AND 2 OR b NOT IN ('x', 'y')",
        "name LIKE 'a\\_%' ESCAPE '\\' AND NOT (x IS NULL)", "-(a + 2.5e3) * b / 0x10 >= c - 07L",
        "(a > 1) = TRUE OR b <> FALSE", "s IN ('it''s') AND t NOT LIKE '%.*[x]%'", "a = 0b101 AND b = .5f");
    private static final String[] FRAGMENTS = {
        " ", "(", ")", "'", "''", ",", "=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", ".", "e", "E", "x", "0x",
        "0b", "L", "f", "_", "%", "\\", "NOT", "AND", "OR", "BETWEEN", "IN", "LIKE", "ESCAPE", "IS", "NULL", "TRUE",
        "FALSE", "a", "b1", "$", "1", "0", "9", "2147483648", "9223372036854775808", "1e400", "\u0000", "\uD83D",
        "\uDE00", "\u00e9", "\u0131", "!", "#", "\n"};

    @Test
    void randomTextNeverThrowsAnythingButSyntaxErrors() {
        Random random = new Random(SEED);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(random.nextBoolean() ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                    : (char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
            }
            check(text.toString(), random);
        }
    }

    @Test
    void mutatedValidSelectorsNeverThrowAnythingButSyntaxErrors() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutate(text, random);
            }
            check(text.toString(), random);
        }
    }

    private static void mutate(StringBuilder text, Random random) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(4)) {
            case 0 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            case 1 -> {
                if (at < text.length()) {
                    text.deleteCharAt(at);
                }
            }
            case 2 -> {
                if (at < text.length()) {
                    text.setCharAt(at, (char) random.nextInt(128));
                }
            }
            default -> text.setLength(at);
        }
    }

    private static void check(String text, Random random) {
        Selector selector;
        try {
            selector = Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            assertThat(e.position()).as("position for %s", text).isBetween(0, text.length());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parsing " + quote(text) + " threw " + e, e);
        }
        Object[] values = {null, 0, -1, 1L, 2.5, Double.NaN, Float.NEGATIVE_INFINITY, "", "x", true, false,
            Long.MIN_VALUE, (byte) 1, (short) -1, new Object(), new byte[0]};
        try {
            selector.matches(name -> values[Math.floorMod(name.hashCode() + random.nextInt(3), values.length)]);
        } catch (RuntimeException e) {
            fail("evaluating " + quote(text) + " threw " + e, e);
        }
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(cp -> quoted.append(cp < 32 || cp > 126 ? String.format("\\u%04x", cp)
            : String.valueOf((char) cp)));
        return quoted.append('"').toString();
    }
}
