package org.fieldpost.protocol.selector;

/**
 * A message selector that is not a syntactically correct conditional expression (Jakarta Messaging 3.1 section
 * 3.8.1.1 requires the check "at the time it is presented"). The JMS provider turns it into an
 * {@code InvalidSelectorException}; the broker into a channel error.
 */
public final class SelectorSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int position;

    /**
     * @param reason what is wrong, without the position
     * @param position 0-based index in the selector text of the character where the error was detected; the text's
     *     length when the text ended too early
     */
    public SelectorSyntaxException(String reason, int position) {
        super(reason + " at position " + position);
        this.reason = reason;
        this.position = position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** 0-based index of the offending character in the selector text (the text's length for a premature end). */
    public int position() {
        return position;
    }
}
