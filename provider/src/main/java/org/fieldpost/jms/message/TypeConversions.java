package org.fieldpost.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The conversion table shared by properties (spec 3.5.4), {@code MapMessage} and {@code StreamMessage}
 * (spec 3.11.3): a value written as the row type can be read as the column types.
 *
 * <pre>
 *           boolean byte short char int long float double String byte[]
 * boolean      X                                             X
 * byte              X     X         X    X                   X
 * short                   X         X    X                   X
 * char                         X                             X
 * int                               X    X                   X
 * long                                   X                   X
 * float                                        X     X       X
 * double                                             X       X
 * String       X    X     X         X    X     X     X       X
 * byte[]                                                            X
 * </pre>
 *
 * <p>Anything else throws {@link MessageFormatException}; a String that is not a number throws
 * {@link NumberFormatException}. A {@code null} value reads as the primitive's {@code valueOf(String)}
 * of {@code null} would: {@code false}, {@link NumberFormatException} for the integer types,
 * {@link NullPointerException} for float, double and char. Properties never hold char or byte[].
 * Thread-safe: no state.
 */
final class TypeConversions {
    private TypeConversions() {
    }

    static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.valueOf((String) value);
        }
        throw mismatch(value, "boolean");
    }

    static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.valueOf((String) value);
        }
        throw mismatch(value, "byte");
    }

    static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short) {
            return ((Number) value).shortValue();
        }
        if (value == null || value instanceof String) {
            return Short.valueOf((String) value);
        }
        throw mismatch(value, "short");
    }

    static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.valueOf((String) value);
        }
        throw mismatch(value, "int");
    }

    static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.valueOf((String) value);
        }
        throw mismatch(value, "long");
    }

    static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.valueOf((String) value);
        }
        throw mismatch(value, "float");
    }

    static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value == null || value instanceof String) {
            return Double.valueOf((String) value);
        }
        throw mismatch(value, "double");
    }

    static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("a null value cannot be read as a char");
        }
        throw mismatch(value, "char");
    }

    static String toStringValue(Object value) throws MessageFormatException {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof byte[]) {
            throw mismatch(value, "String");
        }
        return value.toString();
    }

    static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw mismatch(value, "byte[]");
    }

    /** True for the eight property value types: Boolean, Byte, Short, Integer, Long, Float, Double, String. */
    static boolean isPropertyType(Object value) {
        return value instanceof Boolean || value instanceof Byte || value instanceof Short || value instanceof Integer
            || value instanceof Long || value instanceof Float || value instanceof Double || value instanceof String;
    }

    /** True for the value types of map and stream messages: the property types, Character and byte[]. */
    static boolean isBodyType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    static MessageFormatException mismatch(Object value, String target) {
        return new MessageFormatException("a " + typeName(value) + " value cannot be read as " + target);
    }

    static String typeName(Object value) {
        return value instanceof byte[] ? "byte[]" : value.getClass().getSimpleName();
    }
}
