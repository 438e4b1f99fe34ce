package org.fieldpost.broker.exchange;

/**
 * Something a binding leads to: a queue, or another exchange (exchange-to-exchange bindings).
 * Destinations compare by identity.
 */
public interface Destination {

    /** The queue or exchange name. */
    String name();
}
