package org.fieldpost.broker.connection;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.codec.FieldTables;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Credentials decoded from a {@code connection.start-ok} response, for the SASL mechanisms the
 * broker offers: {@code PLAIN} (RFC 4616: authzid NUL authcid NUL password) and {@code AMQPLAIN}
 * (a field table without its length prefix, with LOGIN and PASSWORD entries).
 */
record SaslResponse(String user, String password) {

    /** The mechanisms announced in {@code connection.start}, most preferred first. */
    static final String MECHANISMS = "PLAIN AMQPLAIN";

    static SaslResponse decode(String mechanism, byte[] response) throws ProtocolException {
        if ("PLAIN".equals(mechanism)) {
            return plain(response);
        }
        if ("AMQPLAIN".equals(mechanism)) {
            return amqplain(response);
        }
        throw new ProtocolException(ReplyCode.COMMAND_INVALID, "COMMAND_INVALID - unknown SASL mechanism '"
            + mechanism + "', offered " + MECHANISMS);
    }

    private static SaslResponse plain(byte[] response) throws ProtocolException {
        String text = new String(response, StandardCharsets.UTF_8);
        int first = text.indexOf('\0');
        int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
        if (second < 0) {
            throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "SYNTAX_ERROR - malformed PLAIN response");
        }
        return new SaslResponse(text.substring(first + 1, second), text.substring(second + 1));
    }

    private static SaslResponse amqplain(byte[] response) throws ProtocolException {
        ByteBuf buf = Unpooled.buffer(response.length + 4);
        buf.writeInt(response.length).writeBytes(response);
        Map<String, Object> table = FieldTables.readTable(buf);
        Object login = table.get("LOGIN");
        Object password = table.get("PASSWORD");
        if (login == null || password == null) {
            throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "SYNTAX_ERROR - AMQPLAIN needs LOGIN and PASSWORD");
        }
        return new SaslResponse(text(login), text(password));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
