package org.fieldpost.protocol.selector;

/**
 * {@code left op right} for the comparison operators {@code = <> < <= > >=} (Jakarta Messaging 3.1 section 3.8.1.1):
 * UNKNOWN when either side is NULL; numbers compare after Java numeric promotion; strings and booleans compare only
 * with {@code =} and {@code <>}; any other pairing ("non-like type values", or strings ordered with {@code <}) is
 * FALSE, as the specification says, not UNKNOWN.
 */
final class Comparison extends Expression.Condition {

    /** The six comparison operators, applied with Java's primitive semantics. */
    enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** Whether only numbers may be compared with it. */
        boolean ordering() {
            return this != EQ && this != NE;
        }

        boolean test(long a, long b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                default -> a >= b;
            };
        }

        boolean test(double a, double b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                default -> a >= b;
            };
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    private final Operator op;
    private final Expression left;
    private final Expression right;

    Comparison(Operator op, Expression left, Expression right) {
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    Truth test(SelectorContext ctx) {
        Object l = left.value(ctx);
        if (l == null) {
            return Truth.UNKNOWN;
        }
        return compare(op, l, right.value(ctx));
    }

    /** Compares two operand values; see the class comment. */
    static Truth compare(Operator op, Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        int leftRank = Numerics.rank(left);
        int rightRank = Numerics.rank(right);
        if (leftRank != Numerics.NONE && rightRank != Numerics.NONE) {
            return Truth.of(Numerics.compare(op, (Number) left, (Number) right, Math.max(leftRank, rightRank)));
        }
        if (op.ordering() || left.getClass() != right.getClass()) {
            return Truth.FALSE;
        }
        // Two strings or two booleans (an identifier's value of any other type was already read as null).
        return Truth.of(left.equals(right) == (op == Operator.EQ));
    }

    @Override
    public String toString() {
        return "(" + left + " " + op + " " + right + ")";
    }
}
