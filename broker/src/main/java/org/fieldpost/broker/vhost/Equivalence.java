package org.fieldpost.broker.vhost;

import java.util.Map;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.fieldpost.broker.message.FieldValues;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueArguments;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;

/**
 * The rules for redeclaring an exchange or a queue that exists: every property must match, or the
 * declaration fails with 406 PRECONDITION_FAILED (RabbitMQ's "inequivalent arg" texts). {@code name}
 * is the virtual host, for the error text.
 */
final class Equivalence {

    private Equivalence() {
    }

    /**
     * An exchange redeclared must match the existing one.
     *
     * @throws ProtocolException 406 PRECONDITION_FAILED naming the first difference
     */
    static void check(Exchange x, ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                      Map<String, Object> args, String name) throws ProtocolException {
        String n = x.name();
        if (x.type() != type) {
            throw Errors.inequivalent("type", "exchange", n, name, type.wireName(), x.type().wireName());
        }
        if (x.durable() != durable) {
            throw Errors.inequivalent("durable", "exchange", n, name, durable, x.durable());
        }
        if (x.autoDelete() != autoDelete) {
            throw Errors.inequivalent("auto_delete", "exchange", n, name, autoDelete, x.autoDelete());
        }
        if (x.internal() != internal) {
            throw Errors.inequivalent("internal", "exchange", n, name, internal, x.internal());
        }
        if (!FieldValues.mapsEqual(x.arguments(), args)) {
            throw Errors.inequivalent("arguments", "exchange", n, name, args, x.arguments());
        }
    }

    /**
     * A queue redeclared must match the existing one (the caller checked exclusive access).
     *
     * @throws ProtocolException 405 exclusive asked of a shared queue; 406 naming the first difference
     */
    static void check(MessageQueue q, boolean durable, boolean exclusive, boolean autoDelete,
                      Map<String, Object> args, String name) throws ProtocolException {
        if (exclusive && !q.exclusive()) {
            throw Errors.locked(q.name(), name);
        }
        if (q.durable() != durable) {
            throw Errors.inequivalent("durable", "queue", q.name(), name, durable, q.durable());
        }
        if (q.autoDelete() != autoDelete) {
            throw Errors.inequivalent("auto_delete", "queue", q.name(), name, autoDelete, q.autoDelete());
        }
        String difference = QueueArguments.inequivalence(q.name(), name, q.arguments(), args);
        if (difference != null) {
            throw new ProtocolException(ReplyCode.PRECONDITION_FAILED, difference);
        }
    }
}
