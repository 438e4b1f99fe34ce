package org.fieldpost.broker.exchange;

/** The four exchange types of AMQP 0-9-1, with their wire names. */
public enum ExchangeType {
    DIRECT("direct"),
    FANOUT("fanout"),
    TOPIC("topic"),
    HEADERS("headers");

    private final String wireName;

    ExchangeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in {@code exchange.declare}. */
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, or null if unknown. */
    public static ExchangeType fromWireName(String name) {
        for (ExchangeType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
