package org.fieldpost.protocol.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.Field;

/**
 * Builds instances of any method record with non-default argument values chosen by wire type, so
 * that tests can cover every registered method without naming them.
 */
public final class SampleMethods {

    private SampleMethods() {
    }

    /**
     * An instance of {@code type}; {@code bitPattern} decides the bits (bit {@code i} of the
     * pattern for the {@code i}-th component) and {@code variant} perturbs the other values.
     */
    public static AmqpMethod sample(Class<? extends AmqpMethod> type, long bitPattern, int variant) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
            arguments[i] = value(components[i], i, bitPattern, variant);
        }
        try {
            Constructor<? extends AmqpMethod> constructor = type.getDeclaredConstructor(parameterTypes);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instance with every bit set and distinctive values elsewhere. */
    public static AmqpMethod sample(Class<? extends AmqpMethod> type) {
        return sample(type, -1L, 0);
    }

    private static Object value(RecordComponent component, int i, long bitPattern, int variant) {
        switch (component.getAnnotation(Field.class).value()) {
            case BIT:
                return ((bitPattern >>> i) & 1) != 0;
            case OCTET:
                return 250 - i - variant;
            case SHORT:
                return 65_000 + i + variant;
            case LONG:
                return 0xFFFF_FF00L + i + variant;
            case LONGLONG:
                return Long.MIN_VALUE + 77 + i + variant;
            case TIMESTAMP:
                return 1_700_000_000L + i + variant;
            case SHORTSTR:
                return "näme-" + i + "-" + variant + "-✓";
            case LONGSTR:
                return ("\0guest\0sëcret" + i + variant).getBytes(StandardCharsets.UTF_8);
            case TABLE:
                return table(i + variant);
            default:
                throw new IllegalStateException();
        }
    }

    /** A table with one value of every encodable type, including nesting. */
    public static Map<String, Object> table(int n) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deep", List.of(1, "two", Map.of("three", 3L)));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("x-bool", true);
        table.put("x-byte", (byte) -5);
        table.put("x-short", (short) -300);
        table.put("x-int", -70_000 - n);
        table.put("x-long", 1L << 40);
        table.put("x-float", 1.5f);
        table.put("x-double", -2.25);
        table.put("x-decimal", new BigDecimal("-123.45"));
        table.put("x-string", "välue " + n);
        table.put("x-bytes", new byte[] {1, 2, (byte) 0xFF});
        table.put("x-array", List.of("a", 1, false));
        table.put("x-date", new Date(1_700_000_000_000L));
        table.put("x-table", nested);
        table.put("x-void", null);
        return table;
    }
}
