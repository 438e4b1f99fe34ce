package org.fieldpost.broker.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code server-properties} table of {@code connection.start}, with the capabilities offered. */
final class ServerProperties {
    static final String PRODUCT = "Fieldpost";

    private ServerProperties() {
    }

    static Map<String, Object> create(String version) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("publisher_confirms", true);
        capabilities.put("exchange_exchange_bindings", true);
        capabilities.put("basic.nack", true);
        capabilities.put("consumer_cancel_notify", true);
        capabilities.put("connection.blocked", true);
        capabilities.put("per_consumer_qos", true);
        capabilities.put("authentication_failure_close", true);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("product", PRODUCT);
        props.put("version", version);
        props.put("platform", "Java " + Runtime.version().feature());
        props.put("information", "Fieldpost AMQP 0-9-1 broker");
        props.put("capabilities", capabilities);
        return props;
    }
}
