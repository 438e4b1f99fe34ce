package org.fieldpost.protocol.selector;

/**
 * A node of a compiled selector. Nodes are immutable; evaluation reads only the context, so one tree is evaluated
 * by many threads at once. Evaluation never throws for any value the context returns.
 */
abstract class Expression {

    /** What the parser knows of a node's type before any message is seen. */
    enum Kind {
        /** A conditional expression (comparison, logic, boolean literal). */
        BOOLEAN,
        /** An arithmetic expression or numeric literal. */
        NUMERIC,
        /** A string literal. */
        STRING,
        /** An identifier: its type is known only per message. */
        UNTYPED;

        boolean allows(Kind wanted) {
            return this == wanted || this == UNTYPED;
        }
    }

    private final Kind kind;

    Expression(Kind kind) {
        this.kind = kind;
    }

    final Kind kind() {
        return kind;
    }

    /**
     * The node's value: {@code null} (SQL NULL), {@link Boolean}, {@link String}, or a {@link Number} that is an
     * {@link Integer} (byte and short properties are promoted when used), {@link Long}, {@link Float} or
     * {@link Double}. An {@link Identifier} may also return {@link Byte} or {@link Short}.
     */
    abstract Object value(SelectorContext ctx);

    /** The node as a condition; a value that is not a boolean is UNKNOWN. */
    Truth test(SelectorContext ctx) {
        Object value = value(ctx);
        if (value instanceof Boolean b) {
            return Truth.of(b);
        }
        return Truth.UNKNOWN;
    }

    /** A node that is a conditional expression: its value is its truth as a boolean. */
    abstract static class Condition extends Expression {
        Condition() {
            super(Kind.BOOLEAN);
        }

        @Override
        abstract Truth test(SelectorContext ctx);

        @Override
        final Object value(SelectorContext ctx) {
            return test(ctx).toBoolean();
        }
    }
}
