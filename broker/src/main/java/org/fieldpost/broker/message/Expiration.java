package org.fieldpost.broker.message;

/** Parses the {@code expiration} property: a non-negative decimal integer of milliseconds. */
final class Expiration {

    /** Returned for a malformed value. */
    static final long INVALID = -2;
    /** Returned when the property is absent. */
    static final long ABSENT = -1;

    private Expiration() {
    }

    /** The TTL in ms, {@link #ABSENT} for null, or {@link #INVALID}. */
    static long parse(String value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.isEmpty() || value.length() > 18) {
            return INVALID;
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
