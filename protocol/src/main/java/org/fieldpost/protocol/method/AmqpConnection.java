package org.fieldpost.protocol.method;

import static org.fieldpost.protocol.method.FieldType.BIT;
import static org.fieldpost.protocol.method.FieldType.LONG;
import static org.fieldpost.protocol.method.FieldType.LONGSTR;
import static org.fieldpost.protocol.method.FieldType.OCTET;
import static org.fieldpost.protocol.method.FieldType.SHORT;
import static org.fieldpost.protocol.method.FieldType.SHORTSTR;
import static org.fieldpost.protocol.method.FieldType.TABLE;

import java.util.Map;

/**
 * The methods of AMQP class {@code connection} (10): negotiation, authentication, tuning and
 * shutdown of a connection, plus RabbitMQ's {@code blocked}/{@code unblocked} and
 * {@code update-secret} extensions. All of them travel on channel 0.
 *
 * <p>{@code byte[]} components (long strings) compare by reference in the records' generated
 * {@code equals}; they may hold credentials, which the generated {@code toString} never prints.
 */
public final class AmqpConnection {
    public static final int CLASS_ID = 10;

    private AmqpConnection() {
    }

    /**
     * Server proposes the protocol version, its properties, SASL mechanisms and locales.
     *
     * @param mechanisms space-separated SASL mechanism names (longstr, e.g. {@code "PLAIN AMQPLAIN"})
     * @param locales space-separated message locales (longstr, e.g. {@code "en_US"})
     */
    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "connection.start")
    public record Start(
        @Field(OCTET) int versionMajor,
        @Field(OCTET) int versionMinor,
        @Field(TABLE) Map<String, Object> serverProperties,
        @Field(LONGSTR) byte[] mechanisms,
        @Field(LONGSTR) byte[] locales) implements AmqpMethod {
    }

    /**
     * Client selects a mechanism and locale and sends its first SASL response.
     *
     * @param response the SASL response (for PLAIN: {@code \0user\0password})
     */
    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "connection.start-ok")
    public record StartOk(
        @Field(TABLE) Map<String, Object> clientProperties,
        @Field(SHORTSTR) String mechanism,
        @Field(LONGSTR) byte[] response,
        @Field(SHORTSTR) String locale) implements AmqpMethod {
    }

    /** Server sends a SASL challenge. */
    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "connection.secure")
    public record Secure(@Field(LONGSTR) byte[] challenge) implements AmqpMethod {
    }

    /** Client answers a SASL challenge. */
    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "connection.secure-ok")
    public record SecureOk(@Field(LONGSTR) byte[] response) implements AmqpMethod {
    }

    /**
     * Server proposes connection limits.
     *
     * @param channelMax highest channel number, 0 for no limit
     * @param frameMax largest frame size in octets, 0 for no limit
     * @param heartbeat heartbeat delay in seconds, 0 for none
     */
    @MethodSpec(classId = CLASS_ID, methodId = 30, name = "connection.tune")
    public record Tune(
        @Field(SHORT) int channelMax,
        @Field(LONG) long frameMax,
        @Field(SHORT) int heartbeat) implements AmqpMethod {
    }

    /** Client accepts (possibly lowers) the connection limits; same meaning as {@link Tune}. */
    @MethodSpec(classId = CLASS_ID, methodId = 31, name = "connection.tune-ok")
    public record TuneOk(
        @Field(SHORT) int channelMax,
        @Field(LONG) long frameMax,
        @Field(SHORT) int heartbeat) implements AmqpMethod {
    }

    /**
     * Client opens a virtual host.
     *
     * @param reserved1 the spec's deprecated {@code capabilities}, empty
     * @param reserved2 the spec's deprecated {@code insist}, false
     */
    @MethodSpec(classId = CLASS_ID, methodId = 40, name = "connection.open")
    public record Open(
        @Field(SHORTSTR) String virtualHost,
        @Field(SHORTSTR) String reserved1,
        @Field(BIT) boolean reserved2) implements AmqpMethod {
    }

    /**
     * Server confirms the virtual host is open.
     *
     * @param reserved1 the spec's deprecated {@code known-hosts}, empty
     */
    @MethodSpec(classId = CLASS_ID, methodId = 41, name = "connection.open-ok")
    public record OpenOk(@Field(SHORTSTR) String reserved1) implements AmqpMethod {
    }

    /**
     * Either peer closes the connection.
     *
     * @param replyCode the reply code, e.g. 200 or a hard-error code
     * @param failingClassId the spec's {@code class-id}: class of the method that caused the close, or 0
     * @param failingMethodId the spec's {@code method-id}: that method's id, or 0
     */
    @MethodSpec(classId = CLASS_ID, methodId = 50, name = "connection.close")
    public record Close(
        @Field(SHORT) int replyCode,
        @Field(SHORTSTR) String replyText,
        @Field(SHORT) int failingClassId,
        @Field(SHORT) int failingMethodId) implements AmqpMethod {
    }

    /** Confirms a {@link Close}; the connection is then closed. */
    @MethodSpec(classId = CLASS_ID, methodId = 51, name = "connection.close-ok")
    public record CloseOk() implements AmqpMethod {
    }

    /** RabbitMQ extension: the server stopped reading publishes (resource alarm). */
    @MethodSpec(classId = CLASS_ID, methodId = 60, name = "connection.blocked")
    public record Blocked(@Field(SHORTSTR) String reason) implements AmqpMethod {
    }

    /** RabbitMQ extension: the server resumed reading publishes. */
    @MethodSpec(classId = CLASS_ID, methodId = 61, name = "connection.unblocked")
    public record Unblocked() implements AmqpMethod {
    }

    /** RabbitMQ extension: the client replaces its credential (e.g. an expiring token). */
    @MethodSpec(classId = CLASS_ID, methodId = 70, name = "connection.update-secret")
    public record UpdateSecret(
        @Field(LONGSTR) byte[] newSecret,
        @Field(SHORTSTR) String reason) implements AmqpMethod {
    }

    /** RabbitMQ extension: the server accepted the new secret. */
    @MethodSpec(classId = CLASS_ID, methodId = 71, name = "connection.update-secret-ok")
    public record UpdateSecretOk() implements AmqpMethod {
    }
}
