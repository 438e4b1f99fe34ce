package org.fieldpost.protocol.selector;

import java.util.Arrays;

/**
 * A compiled {@code LIKE} pattern (Jakarta Messaging 3.1 section 3.8.1.1): {@code _} stands for any one character,
 * {@code %} for any sequence including the empty one, every other character for itself, and the optional escape
 * character takes the special meaning away from the {@code _}, {@code %} or escape character after it. Characters are
 * Unicode code points, so {@code _} also matches one supplementary character. No regular expressions are involved, so
 * characters such as {@code .*+?[](){}^$|\} need no quoting; matching is a linear scan that backtracks only to the
 * last {@code %} and allocates nothing. Immutable.
 */
final class LikePattern {
    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    /** Code points and the two wildcards, with runs of {@code %} folded into one. */
    private final int[] elements;
    /** When the pattern has no wildcard: the string a value must equal. */
    private final String exact;
    /** When the pattern is a literal followed by one {@code %}: the prefix a value must start with. */
    private final String prefix;
    private final String text;

    private LikePattern(int[] elements, String text) {
        this.elements = elements;
        this.text = text;
        int wildcards = 0;
        for (int element : elements) {
            wildcards += element < 0 ? 1 : 0;
        }
        int last = elements.length - 1;
        this.exact = wildcards == 0 ? literal(elements, elements.length) : null;
        this.prefix = wildcards == 1 && last >= 0 && elements[last] == ANY_SEQUENCE ? literal(elements, last) : null;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern literal's value
     * @param escape the escape character, or -1 for none
     * @param position where the pattern literal starts in the selector, for errors
     * @throws SelectorSyntaxException when the escape character is followed by anything but {@code _}, {@code %} or
     *     itself, or ends the pattern (SQL-92 section 8.5: "invalid escape sequence")
     */
    static LikePattern compile(String pattern, int escape, int position) throws SelectorSyntaxException {
        int[] elements = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length();) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == escape) {
                int escaped = i < pattern.length() ? pattern.codePointAt(i) : -1;
                if (escaped != '_' && escaped != '%' && escaped != escape) {
                    throw new SelectorSyntaxException("invalid escape sequence in LIKE pattern: the escape character "
                        + "must be followed by '_', '%' or itself", position);
                }
                i += Character.charCount(escaped);
                elements[count++] = escaped;
            } else if (cp == '%') {
                if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                    elements[count++] = ANY_SEQUENCE;
                }
            } else {
                elements[count++] = cp == '_' ? ANY_ONE : cp;
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count), pattern);
    }

    private static String literal(int[] elements, int length) {
        return new String(elements, 0, length);
    }

    /** Whether the whole value matches the pattern. */
    boolean matches(String value) {
        if (exact != null) {
            return exact.equals(value);
        }
        if (prefix != null) {
            return value.startsWith(prefix);
        }
        int v = 0;
        int p = 0;
        int starPattern = -1;
        int starValue = 0;
        while (v < value.length()) {
            if (p < elements.length) {
                int element = elements[p];
                if (element == ANY_SEQUENCE) {
                    starPattern = p++;
                    starValue = v;
                    continue;
                }
                int cp = value.codePointAt(v);
                if (element == ANY_ONE || element == cp) {
                    v += Character.charCount(cp);
                    p++;
                    continue;
                }
            }
            if (starPattern < 0) {
                return false;
            }
            // Let the last % swallow one more character and retry from just after it.
            p = starPattern + 1;
            starValue += Character.charCount(value.codePointAt(starValue));
            v = starValue;
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
