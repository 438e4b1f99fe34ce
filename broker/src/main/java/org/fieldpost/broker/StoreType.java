package org.fieldpost.broker;

/** Where a broker keeps durable state. */
public enum StoreType {
    /** Apache Derby through JDBC: embedded in the data directory, or at a configured JDBC URL. */
    DERBY,
    /** Memory only: nothing survives the broker (tests, transient-only brokers). */
    MEMORY;

    /** Parses {@code derby} or {@code memory} (any case). */
    public static StoreType parse(String value) {
        for (StoreType t : values()) {
            if (t.name().equalsIgnoreCase(value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown store '" + value + "' (derby or memory)");
    }
}
