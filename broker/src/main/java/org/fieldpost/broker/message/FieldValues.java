package org.fieldpost.broker.message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Value comparison for field-table values (headers, arguments): integers compare by value whatever
 * their width, floating-point likewise, byte arrays by content, a {@code byte[]} equals the string
 * with the same UTF-8 bytes (a longstr may arrive either way).
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** True when both values are equal in the sense above. */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isIntegral(a) && isIntegral(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (isFloating(a) && isFloating(b)) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] || b instanceof byte[]) {
            return Arrays.equals(bytes(a), bytes(b));
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return mapsEqual(x, y);
        }
        return Objects.equals(a, b);
    }

    /** True when both maps have the same keys with {@link #equal} values; null equals empty. */
    public static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
        Map<?, ?> x = a == null ? Map.of() : a;
        Map<?, ?> y = b == null ? Map.of() : b;
        if (x.size() != y.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : x.entrySet()) {
            if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A string value given as String or UTF-8 byte[]; null for any other type. */
    public static String asString(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** True for Byte, Short, Integer and Long. */
    public static boolean isIntegral(Object v) {
        return v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long;
    }

    private static boolean isFloating(Object v) {
        return v instanceof Float || v instanceof Double;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}
