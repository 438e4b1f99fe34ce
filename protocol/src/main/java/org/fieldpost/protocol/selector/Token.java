package org.fieldpost.protocol.selector;

/**
 * One lexical unit of a selector.
 *
 * @param type what the token is
 * @param start 0-based index of its first character
 * @param end index just past its last character
 * @param value the identifier name, the string literal's value, an {@link ExactLiteral}, a {@link Float} or
 *     {@link Double} for an approximate literal; {@code null} for the other types
 */
record Token(Type type, int start, int end, Object value) {

    /** Token types; keywords are case-insensitive in the text (Jakarta Messaging 3.1 section 3.8.1.1). */
    enum Type {
        IDENTIFIER("an identifier"), STRING("a string literal"), EXACT("a number"), APPROXIMATE("a number"),
        NULL("NULL"), TRUE("TRUE"), FALSE("FALSE"), NOT("NOT"), AND("AND"), OR("OR"), BETWEEN("BETWEEN"),
        LIKE("LIKE"), IN("IN"), IS("IS"), ESCAPE("ESCAPE"),
        EQ("'='"), NE("'<>'"), LT("'<'"), LE("'<='"), GT("'>'"), GE("'>='"),
        PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), LPAREN("'('"), RPAREN("')'"), COMMA("','"),
        EOF("the end of the selector");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** How an error message names the token type. */
        String description() {
            return description;
        }
    }

    /**
     * An exact numeric literal before its sign is known, so that {@code -2147483648} is an {@code int} and
     * {@code -9223372036854775808} a {@code long} as in Java, although their magnitudes alone are out of range.
     *
     * @param magnitude the digits' value as an unsigned 64-bit number
     * @param decimal written in base 10 (otherwise hexadecimal, octal or binary, whose value is a bit pattern)
     * @param longSuffix written with an {@code L} or {@code l} suffix
     */
    record ExactLiteral(long magnitude, boolean decimal, boolean longSuffix) {
        private static final long INT_LIMIT = 1L << 31;

        /**
         * The literal's value with Java's typing: an {@link Integer} when it fits an int and has no suffix, else a
         * {@link Long}. Unlike Java, a decimal literal too large for an int without an {@code L} suffix is a long
         * (the selector specification supports "numbers in the range of Java long").
         *
         * @param negated whether a unary minus applies to it
         * @return the value, or {@code null} when it is out of the range of a long
         */
        Number toNumber(boolean negated) {
            if (!decimal) {
                if (!longSuffix && (magnitude >>> 32) == 0) {
                    int bits = (int) magnitude;
                    return negated ? -bits : bits;
                }
                return negated ? -magnitude : magnitude;
            }
            long limit = negated ? INT_LIMIT : INT_LIMIT - 1;
            if (!longSuffix && Long.compareUnsigned(magnitude, limit) <= 0) {
                int value = (int) magnitude;
                return negated ? -value : value;
            }
            long longLimit = negated ? Long.MIN_VALUE : Long.MAX_VALUE;
            if (Long.compareUnsigned(magnitude, longLimit) <= 0) {
                return negated ? -magnitude : magnitude;
            }
            return null;
        }
    }
}
