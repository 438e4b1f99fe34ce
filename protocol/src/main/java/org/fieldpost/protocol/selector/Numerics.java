package org.fieldpost.protocol.selector;

/**
 * Java numeric promotion (JLS 5.6) over boxed values, as Jakarta Messaging 3.1 section 3.8.1.1 requires for selector
 * arithmetic and comparison: byte and short become int; with a double operand both are double, else with a float both
 * are float, else with a long both are long, else both are int. Comparisons read primitives out of the boxes and
 * allocate nothing; an arithmetic result is boxed once.
 */
final class Numerics {
    /** Not a number: a string, a boolean or null. */
    static final int NONE = 0;
    static final int INT = 1;
    static final int LONG = 2;
    static final int FLOAT = 3;
    static final int DOUBLE = 4;

    private Numerics() {
    }

    /** The promotion rank of a value: {@link #NONE} for anything but the six numeric property types. */
    static int rank(Object value) {
        if (value == null) {
            return NONE;
        }
        Class<?> type = value.getClass();
        if (type == Integer.class || type == Long.class) {
            return type == Integer.class ? INT : LONG;
        }
        if (type == Double.class || type == Float.class) {
            return type == Double.class ? DOUBLE : FLOAT;
        }
        return type == Short.class || type == Byte.class ? INT : NONE;
    }

    /**
     * Compares two numbers after binary numeric promotion with Java's operators, so NaN is unequal to everything
     * (itself included) and {@code -0.0 == 0.0}.
     *
     * @param rank the larger of the two operands' ranks, neither {@link #NONE}
     */
    static boolean compare(Comparison.Operator op, Number left, Number right, int rank) {
        return switch (rank) {
            case INT, LONG -> op.test(left.longValue(), right.longValue());
            case FLOAT -> op.test(left.floatValue(), right.floatValue());
            default -> op.test(left.doubleValue(), right.doubleValue());
        };
    }

    /**
     * A binary arithmetic operation with Java semantics (int and long overflow wrap; float and double division by zero
     * give an infinity or NaN), except that exact integer division by zero is {@code null} (UNKNOWN) where Java throws.
     *
     * @param op one of {@code + - * /}
     * @return the result, or {@code null} when an operand is not a number or for exact division by zero
     */
    static Number arithmetic(char op, Object left, Object right) {
        int leftRank = rank(left);
        int rightRank = rank(right);
        if (leftRank == NONE || rightRank == NONE) {
            return null;
        }
        Number a = (Number) left;
        Number b = (Number) right;
        return switch (Math.max(leftRank, rightRank)) {
            case INT -> intArithmetic(op, a.intValue(), b.intValue());
            case LONG -> longArithmetic(op, a.longValue(), b.longValue());
            case FLOAT -> floatArithmetic(op, a.floatValue(), b.floatValue());
            default -> doubleArithmetic(op, a.doubleValue(), b.doubleValue());
        };
    }

    private static Number intArithmetic(char op, int a, int b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> b == 0 ? null : (Number) (a / b);
        };
    }

    private static Number longArithmetic(char op, long a, long b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> b == 0 ? null : (Number) (a / b);
        };
    }

    private static Number floatArithmetic(char op, float a, float b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> a / b;
        };
    }

    private static Number doubleArithmetic(char op, double a, double b) {
        return switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> a / b;
        };
    }

    /** Unary minus after unary numeric promotion (byte and short become int); {@code null} for a non-number. */
    static Number negate(Object value) {
        return switch (rank(value)) {
            case INT -> -((Number) value).intValue();
            case LONG -> -((Long) value);
            case FLOAT -> -((Float) value);
            case DOUBLE -> -((Double) value);
            default -> null;
        };
    }

    /** Unary plus: unary numeric promotion only; {@code null} for a non-number. */
    static Number promote(Object value) {
        return switch (rank(value)) {
            case INT -> value instanceof Integer ? (Integer) value : (Integer) ((Number) value).intValue();
            case LONG, FLOAT, DOUBLE -> (Number) value;
            default -> null;
        };
    }
}
