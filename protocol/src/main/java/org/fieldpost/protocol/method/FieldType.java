package org.fieldpost.protocol.method;

import java.util.Map;

/**
 * The AMQP 0-9-1 domain types that method arguments are made of (spec section 4.2.5). Each type
 * has exactly one Java representation in the method records, given by {@link #javaType()}.
 */
public enum FieldType {
    /** A single bit; consecutive bits pack into octets, low bit first. Java {@code boolean}. */
    BIT(boolean.class),
    /** Unsigned 8-bit integer. Java {@code int}. */
    OCTET(int.class),
    /** Unsigned 16-bit integer. Java {@code int}. */
    SHORT(int.class),
    /** Unsigned 32-bit integer. Java {@code long}. */
    LONG(long.class),
    /** 64-bit integer. Java {@code long}. */
    LONGLONG(long.class),
    /** UTF-8 string of at most 255 bytes. Java {@code String}. */
    SHORTSTR(String.class),
    /** Binary string with a 32-bit length. Java {@code byte[]}. */
    LONGSTR(byte[].class),
    /** 64-bit POSIX time in seconds. Java {@code long}. */
    TIMESTAMP(long.class),
    /** A field table. Java {@code java.util.Map<String, Object>} (see FieldTables for the value types). */
    TABLE(Map.class);

    private final Class<?> javaType;

    FieldType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type a record component of this wire type must have (the raw {@code Map} for tables). */
    public Class<?> javaType() {
        return javaType;
    }
}
