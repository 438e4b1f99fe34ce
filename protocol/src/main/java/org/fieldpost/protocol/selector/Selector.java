package org.fieldpost.protocol.selector;

/**
 * A compiled Jakarta Messaging message selector (Jakarta Messaging 3.1 section 3.8.1). The JMS provider parses a
 * selector when a consumer or browser is created, to report a syntax error as {@code InvalidSelectorException}; the
 * broker parses the same text from the consumer's arguments and evaluates it per message, so a message that does not
 * match never crosses the wire. Both use this one grammar and evaluator.
 *
 * <p>Evaluation: the selector's identifiers are looked up in a {@link SelectorContext}; the expression is evaluated
 * with SQL three-valued logic; {@link #matches} is true only when the result is TRUE, FALSE and UNKNOWN do not match.
 * Evaluation never throws for any values the context returns (values of the wrong type make comparisons FALSE and
 * arithmetic NULL, integer division by zero is NULL), never compiles a regular expression and does not allocate
 * except for arithmetic results.
 *
 * <p>Concurrency: immutable. One instance is evaluated by any number of threads at once.
 */
public final class Selector {
    /** The selector of a consumer that has none: it matches every message without reading the context. */
    public static final Selector ALL = new Selector("", null);

    private final String text;
    /** {@code null} for {@link #ALL}. */
    private final Expression root;

    private Selector(String text, Expression root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Compiles a selector. Does not block; safe from any thread.
     *
     * @param text the selector; {@code null}, empty or only whitespace means no selector (section 3.8.1.1: "If the
     *     value of a message selector is an empty string, the value is treated as a null and indicates that there is
     *     no message selector")
     * @return {@link #ALL} for no selector, else the compiled selector
     * @throws SelectorSyntaxException when the text is not a conditional expression of the selector grammar, with
     *     the 0-based position of the error
     */
    public static Selector parse(String text) throws SelectorSyntaxException {
        if (text == null) {
            return ALL;
        }
        Expression root = Parser.parse(text);
        return root == null ? ALL : new Selector(text, root);
    }

    /**
     * Whether a message matches: true only when the selector evaluates to TRUE. Does not block; safe from any thread.
     *
     * @param ctx the message's header fields and properties; not used by {@link #ALL} (and may then be {@code null})
     * @throws RuntimeException only what the context itself throws
     */
    public boolean matches(SelectorContext ctx) {
        return root == null || root.test(ctx) == Truth.TRUE;
    }

    /** The three-valued result, for tests: TRUE for {@link #ALL}. */
    Truth evaluate(SelectorContext ctx) {
        return root == null ? Truth.TRUE : root.test(ctx);
    }

    /** The text as given to {@link #parse}; empty for {@link #ALL}. */
    public String text() {
        return text;
    }

    /** Selectors are equal when their texts are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selector selector && text.equals(selector.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The text, followed by the parsed tree with explicit parentheses (for logs and debugging). */
    @Override
    public String toString() {
        return root == null ? "Selector[ALL]" : "Selector[" + text + " => " + root + "]";
    }
}
