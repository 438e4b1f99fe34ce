package org.fieldpost.jms.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldpost.protocol.jms.JmsHeaders;

/**
 * The properties of one message (spec 3.5): typed values by name, the JMSX properties, and the
 * read-only state after receipt.
 *
 * <p>{@code JMSXDeliveryCount} is provider state, not an entry: it is listed and readable once the
 * provider sets it on receipt, the application cannot set it, and {@link #clear()} keeps it.
 * {@code JMSXGroupID} must be a String and {@code JMSXGroupSeq} an int. Names are validated only when
 * the application sets a property; headers of a plain AMQP message may carry names such as
 * {@code x-death} that are readable but could not be set.
 *
 * <p>Not thread-safe: a message belongs to one thread at a time (spec 2.14).
 */
final class MessageProperties {

    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
        "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private int deliveryCount;
    private boolean readOnly;

    Object get(String name) {
        if (deliveryCount > 0 && JmsHeaders.JMSX_DELIVERY_COUNT.equals(name)) {
            return deliveryCount;
        }
        return values.get(name);
    }

    boolean exists(String name) {
        return (deliveryCount > 0 && JmsHeaders.JMSX_DELIVERY_COUNT.equals(name)) || values.containsKey(name);
    }

    Enumeration<String> names() {
        List<String> names = new ArrayList<>(values.keySet());
        if (deliveryCount > 0) {
            names.add(JmsHeaders.JMSX_DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    /** Sets a property for the application: checks writability, the name, the value's type and JMSX rules. */
    void set(String name, Object value) throws MessageFormatException, MessageNotWriteableException {
        checkName(name);
        if (readOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only; "
                + "call clearProperties() first");
        }
        if (value != null && !TypeConversions.isPropertyType(value)) {
            throw new MessageFormatException("property " + name + ": " + TypeConversions.typeName(value)
                + " is not a property type (Boolean, Byte, Short, Integer, Long, Float, Double, String)");
        }
        checkJmsx(name, value);
        values.put(name, value);
    }

    /** Stores a property without the application's checks: decoded or copied values. */
    void put(String name, Object value) {
        values.put(name, value);
    }

    /** The application-visible entries, without JMSXDeliveryCount; live view for the codec. */
    Map<String, Object> entries() {
        return values;
    }

    void clear() {
        values.clear();
        readOnly = false;
    }

    int deliveryCount() {
        return deliveryCount;
    }

    void deliveryCount(int count) {
        deliveryCount = count;
    }

    void readOnly(boolean value) {
        readOnly = value;
    }

    private static void checkJmsx(String name, Object value) throws MessageFormatException,
        MessageNotWriteableException {
        if (JmsHeaders.JMSX_DELIVERY_COUNT.equals(name)) {
            throw new MessageNotWriteableException(JmsHeaders.JMSX_DELIVERY_COUNT
                + " is set by the provider on receipt");
        }
        if (JmsHeaders.JMSX_GROUP_ID.equals(name) && value != null && !(value instanceof String)) {
            throw new MessageFormatException(JmsHeaders.JMSX_GROUP_ID + " must be a String");
        }
        if (JmsHeaders.JMSX_GROUP_SEQ.equals(name) && !(value instanceof Integer)) {
            throw new MessageFormatException(JmsHeaders.JMSX_GROUP_SEQ + " must be an int");
        }
    }

    /**
     * A property name must be a selector identifier (spec 3.5.1, 3.8.1.1): a Java identifier that is
     * not NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS or ESCAPE (in any case, as selector
     * keywords are case-insensitive).
     *
     * @throws IllegalArgumentException if it is not
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("property name '" + name + "' does not start a Java identifier");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier");
            }
        }
        for (String keyword : RESERVED) { // no upper-cased copy of every name set
            if (keyword.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("property name '" + name + "' is a message selector keyword");
            }
        }
    }
}
