package org.fieldpost.protocol.selector;

/**
 * The logical operators with SQL three-valued logic (Jakarta Messaging 3.1 section 3.8.1.2, tables 3-4 to 3-6).
 * Operands that are not conditions (an identifier whose value is not a boolean) are UNKNOWN. Chains are flat and
 * stop early once the result is decided (FALSE for AND, TRUE for OR); evaluation has no side effects, so this is
 * only faster, never different.
 */
final class Logic {

    private Logic() {
    }

    /** {@code a AND b AND ...}. */
    static final class And extends Expression.Condition {
        private final Expression[] operands;

        And(Expression[] operands) {
            this.operands = operands.clone();
        }

        @Override
        Truth test(SelectorContext ctx) {
            Truth result = Truth.TRUE;
            for (Expression operand : operands) {
                Truth truth = operand.test(ctx);
                if (truth == Truth.FALSE) {
                    return Truth.FALSE;
                }
                result = result.and(truth);
            }
            return result;
        }

        @Override
        public String toString() {
            return join(operands, " AND ");
        }
    }

    /** {@code a OR b OR ...}. */
    static final class Or extends Expression.Condition {
        private final Expression[] operands;

        Or(Expression[] operands) {
            this.operands = operands.clone();
        }

        @Override
        Truth test(SelectorContext ctx) {
            Truth result = Truth.FALSE;
            for (Expression operand : operands) {
                Truth truth = operand.test(ctx);
                if (truth == Truth.TRUE) {
                    return Truth.TRUE;
                }
                result = result.or(truth);
            }
            return result;
        }

        @Override
        public String toString() {
            return join(operands, " OR ");
        }
    }

    /** {@code NOT a}. */
    static final class Not extends Expression.Condition {
        private final Expression operand;

        Not(Expression operand) {
            this.operand = operand;
        }

        @Override
        Truth test(SelectorContext ctx) {
            return operand.test(ctx).not();
        }

        @Override
        public String toString() {
            return "(NOT " + operand + ")";
        }
    }

    private static String join(Expression[] operands, String separator) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < operands.length; i++) {
            text.append(i == 0 ? "" : separator).append(operands[i]);
        }
        return text.append(')').toString();
    }
}
