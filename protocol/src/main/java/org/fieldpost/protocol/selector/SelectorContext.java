package org.fieldpost.protocol.selector;

/**
 * The header fields and properties of one message, as a {@link Selector} sees them.
 *
 * <p>Concurrency: a context is normally made for one evaluation and used by one thread; a {@link Selector} never
 * keeps a reference to it after {@link Selector#matches} returns.
 */
@FunctionalInterface
public interface SelectorContext {

    /**
     * The value of a header field or property. Does not block; called on the evaluating thread, possibly several times
     * for the same identifier during one evaluation (it should be cheap, e.g. a map lookup).
     *
     * @param identifier the identifier exactly as written in the selector (identifiers are case-sensitive)
     * @return {@code null} when the message has no such property (or the header field is null); otherwise a
     *     {@link Boolean}, {@link String}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float}
     *     or {@link Double}, the JMS property types. A value of any other type is treated as {@code null}.
     *     An unchecked exception thrown here propagates out of {@link Selector#matches}.
     */
    Object value(String identifier);
}
