package org.fieldpost.protocol.selector;

import java.util.Set;

/**
 * The comparison operators other than {@code = <> < <= > >=} (Jakarta Messaging 3.1 section 3.8.1.1). Each is
 * evaluated exactly as the equivalent expression the specification gives for it, so NULL handling and values of the
 * wrong type follow from {@link Comparison} and {@link Truth}.
 */
final class Predicates {

    private Predicates() {
    }

    /**
     * {@code a BETWEEN b AND c}, which is {@code a >= b AND a <= c}; {@code a NOT BETWEEN b AND c}, which is
     * {@code a < b OR a > c}. (So, for instance, a string {@code a} makes both FALSE, and with {@code a = 5},
     * {@code 5 NOT BETWEEN NULL AND 3} is TRUE.)
     */
    static final class Between extends Expression.Condition {
        private final boolean negated;
        private final Expression value;
        private final Expression low;
        private final Expression high;

        Between(boolean negated, Expression value, Expression low, Expression high) {
            this.negated = negated;
            this.value = value;
            this.low = low;
            this.high = high;
        }

        @Override
        Truth test(SelectorContext ctx) {
            Object v = value.value(ctx);
            if (v == null) {
                return Truth.UNKNOWN;
            }
            Object l = low.value(ctx);
            Object h = high.value(ctx);
            if (negated) {
                return Comparison.compare(Comparison.Operator.LT, v, l)
                    .or(Comparison.compare(Comparison.Operator.GT, v, h));
            }
            return Comparison.compare(Comparison.Operator.GE, v, l)
                .and(Comparison.compare(Comparison.Operator.LE, v, h));
        }

        @Override
        public String toString() {
            return "(" + value + (negated ? " NOT" : "") + " BETWEEN " + low + " AND " + high + ")";
        }
    }

    /**
     * {@code id IN ('a', 'b')}, which is {@code id = 'a' OR id = 'b'}, and {@code NOT IN}, its negation: UNKNOWN for
     * NULL, and UNKNOWN too for a value that is not a string (neither IN nor NOT IN matches it).
     */
    static final class In extends Expression.Condition {
        private final boolean negated;
        private final Operands.Identifier identifier;
        private final Set<String> values;

        In(boolean negated, Operands.Identifier identifier, Set<String> values) {
            this.negated = negated;
            this.identifier = identifier;
            this.values = Set.copyOf(values);
        }

        @Override
        Truth test(SelectorContext ctx) {
            Object v = identifier.value(ctx);
            if (v == null) {
                return Truth.UNKNOWN;
            }
            if (v instanceof String s) {
                return Truth.of(values.contains(s) != negated);
            }
            // Not a string: IN and NOT IN apply to strings only (3.8.1.2), so neither matches.
            return Truth.UNKNOWN;
        }

        @Override
        public String toString() {
            return "(" + identifier + (negated ? " NOT" : "") + " IN " + values + ")";
        }
    }

    /**
     * {@code id LIKE 'pattern' [ESCAPE 'c']} and its negation {@code NOT LIKE}: UNKNOWN for NULL; a value that is not
     * a string is not like any pattern (LIKE is FALSE, NOT LIKE TRUE), as for the other comparison operators.
     */
    static final class Like extends Expression.Condition {
        private final boolean negated;
        private final Operands.Identifier identifier;
        private final LikePattern pattern;
        private final int escape;

        Like(boolean negated, Operands.Identifier identifier, LikePattern pattern, int escape) {
            this.negated = negated;
            this.identifier = identifier;
            this.pattern = pattern;
            this.escape = escape;
        }

        @Override
        Truth test(SelectorContext ctx) {
            Object v = identifier.value(ctx);
            if (v == null) {
                return Truth.UNKNOWN;
            }
            if (v instanceof String s) {
                return Truth.of(pattern.matches(s) != negated);
            }
            // Not a string: LIKE and NOT LIKE apply to strings only (3.8.1.2), so neither matches.
            return Truth.UNKNOWN;
        }

        @Override
        public String toString() {
            String escapeText = escape < 0 ? "" : " ESCAPE '" + new String(Character.toChars(escape)) + "'";
            return "(" + identifier + (negated ? " NOT" : "") + " LIKE '" + pattern.toString().replace("'", "''") + "'"
                + escapeText + ")";
        }
    }

    /** {@code id IS NULL} and {@code id IS NOT NULL}: never UNKNOWN. */
    static final class IsNull extends Expression.Condition {
        private final boolean negated;
        private final Operands.Identifier identifier;

        IsNull(boolean negated, Operands.Identifier identifier) {
            this.negated = negated;
            this.identifier = identifier;
        }

        @Override
        Truth test(SelectorContext ctx) {
            return Truth.of(identifier.value(ctx) == null != negated);
        }

        @Override
        public String toString() {
            return "(" + identifier + " IS" + (negated ? " NOT" : "") + " NULL)";
        }
    }
}
