package org.fieldpost.protocol.selector;

/**
 * A truth value of SQL's three-valued logic, as the Jakarta Messaging 3.1 specification defines it for selectors
 * (section 3.8.1.2 "Null values", tables 3-4 to 3-6). Only {@link #TRUE} makes a selector match.
 */
enum Truth {
    TRUE, FALSE, UNKNOWN;

    /** {@code TRUE} or {@code FALSE}. */
    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Table 3-4: FALSE wins, then UNKNOWN. */
    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
    }

    /** Table 3-5: TRUE wins, then UNKNOWN. */
    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
    }

    /** Table 3-6: UNKNOWN stays UNKNOWN. */
    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            default -> UNKNOWN;
        };
    }

    /** The value as a selector operand: {@code Boolean.TRUE}, {@code Boolean.FALSE} or {@code null}. */
    Boolean toBoolean() {
        return switch (this) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
