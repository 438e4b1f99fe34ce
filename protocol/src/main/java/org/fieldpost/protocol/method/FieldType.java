package org.fieldpost.protocol.method;

/**
 * The AMQP 0-9-1 domain types that method arguments are made of (spec section 4.2.5). Each type
 * has exactly one Java representation in the method records.
 */
public enum FieldType {
    /** A single bit; consecutive bits pack into octets, low bit first. Java {@code boolean}. */
    BIT,
    /** Unsigned 8-bit integer. Java {@code int}. */
    OCTET,
    /** Unsigned 16-bit integer. Java {@code int}. */
    SHORT,
    /** Unsigned 32-bit integer. Java {@code long}. */
    LONG,
    /** 64-bit integer. Java {@code long}. */
    LONGLONG,
    /** UTF-8 string of at most 255 bytes. Java {@code String}. */
    SHORTSTR,
    /** Binary string with a 32-bit length. Java {@code byte[]}. */
    LONGSTR,
    /** 64-bit POSIX time in seconds. Java {@code long}. */
    TIMESTAMP,
    /** A field table. Java {@code java.util.Map<String, Object>} (see FieldTables for the value types). */
    TABLE
}
