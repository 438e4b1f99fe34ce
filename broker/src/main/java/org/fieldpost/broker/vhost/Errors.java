package org.fieldpost.broker.vhost;

import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/** The client-visible failures of a virtual host, with RabbitMQ's texts. */
final class Errors {

    private Errors() {
    }

    static ProtocolException noQueue(String name, String vhost) {
        return new ProtocolException(ReplyCode.NOT_FOUND, "no queue '" + name + "' in vhost '" + vhost + "'");
    }

    static ProtocolException noExchange(String name, String vhost) {
        return new ProtocolException(ReplyCode.NOT_FOUND, "no exchange '" + name + "' in vhost '" + vhost + "'");
    }

    static ProtocolException defaultExchange() {
        return new ProtocolException(ReplyCode.ACCESS_REFUSED, "operation not permitted on the default exchange");
    }

    static ProtocolException reservedName(String kind, String name) {
        return new ProtocolException(ReplyCode.ACCESS_REFUSED,
            kind + " name '" + name + "' contains reserved prefix 'amq.*'");
    }

    static ProtocolException locked(String name, String vhost) {
        return new ProtocolException(ReplyCode.RESOURCE_LOCKED, "cannot obtain exclusive access to locked queue '"
            + name + "' in vhost '" + vhost + "'. It could be originally declared on another connection or the "
            + "exclusive property value does not match that of the original declaration.");
    }

    static ProtocolException inequivalent(String arg, String kind, String name, String vhost, Object received,
                                          Object current) {
        return new ProtocolException(ReplyCode.PRECONDITION_FAILED, "inequivalent arg '" + arg + "' for " + kind
            + " '" + name + "' in vhost '" + vhost + "': received '" + received + "' but current is '" + current + "'");
    }

    static ProtocolException unknownExchangeType(String type) {
        return new ProtocolException(ReplyCode.COMMAND_INVALID, "unknown exchange type '" + type + "'");
    }

    static ProtocolException exchangeInUse(String name, String vhost) {
        return new ProtocolException(ReplyCode.PRECONDITION_FAILED,
            "exchange '" + name + "' in vhost '" + vhost + "' in use");
    }

    static ProtocolException internalExchange(String name, String vhost) {
        return new ProtocolException(ReplyCode.ACCESS_REFUSED,
            "cannot publish to internal exchange '" + name + "' in vhost '" + vhost + "'");
    }
}
