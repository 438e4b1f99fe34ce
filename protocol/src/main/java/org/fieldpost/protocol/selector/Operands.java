package org.fieldpost.protocol.selector;

/** The value nodes: identifiers, literals and arithmetic. */
final class Operands {

    private Operands() {
    }

    /**
     * A header field or property reference. Its value is whatever the context returns, except that a value of a type
     * that is not a JMS property type reads as NULL.
     */
    static final class Identifier extends Expression {
        private final String name;

        Identifier(String name) {
            super(Kind.UNTYPED);
            this.name = name;
        }

        String name() {
            return name;
        }

        @Override
        Object value(SelectorContext ctx) {
            Object value = ctx.value(name);
            if (value == null || value instanceof String || value instanceof Boolean
                || Numerics.rank(value) != Numerics.NONE) {
                return value;
            }
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A literal: a string, a boolean, an {@link Integer}, {@link Long}, {@link Float} or {@link Double}. */
    static final class Constant extends Expression {
        private final Object value;

        Constant(Object value) {
            super(value instanceof String ? Kind.STRING : value instanceof Boolean ? Kind.BOOLEAN : Kind.NUMERIC);
            this.value = value;
        }

        @Override
        Object value(SelectorContext ctx) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
        }
    }

    /** Unary {@code +} or {@code -}: NULL for a value that is not a number. */
    static final class Unary extends Expression {
        private final boolean minus;
        private final Expression operand;

        Unary(boolean minus, Expression operand) {
            super(Kind.NUMERIC);
            this.minus = minus;
            this.operand = operand;
        }

        @Override
        Object value(SelectorContext ctx) {
            Object value = operand.value(ctx);
            return minus ? Numerics.negate(value) : Numerics.promote(value);
        }

        @Override
        public String toString() {
            return (minus ? "-" : "+") + operand;
        }
    }

    /**
     * A left-to-right chain of operators of one precedence level, {@code a + b - c} or {@code a * b / c}, kept flat
     * so that a long chain does not make a deep tree. NULL as soon as an intermediate value is NULL or not a number.
     */
    static final class Arithmetic extends Expression {
        private final Expression[] operands;
        private final char[] operators;

        /**
         * @param operands two or more
         * @param operators {@code operators[i]} combines the value so far with {@code operands[i + 1]}
         */
        Arithmetic(Expression[] operands, char[] operators) {
            super(Kind.NUMERIC);
            this.operands = operands.clone();
            this.operators = operators.clone();
        }

        @Override
        Object value(SelectorContext ctx) {
            Object result = operands[0].value(ctx);
            for (int i = 0; i < operators.length && result != null; i++) {
                result = Numerics.arithmetic(operators[i], result, operands[i + 1].value(ctx));
            }
            return result;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("(").append(operands[0]);
            for (int i = 0; i < operators.length; i++) {
                text.append(' ').append(operators[i]).append(' ').append(operands[i + 1]);
            }
            return text.append(')').toString();
        }
    }
}
