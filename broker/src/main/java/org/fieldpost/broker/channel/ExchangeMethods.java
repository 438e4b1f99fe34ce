package org.fieldpost.broker.channel;

import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpExchange;
import org.fieldpost.protocol.method.AmqpMethod;

/** The server side of AMQP class {@code exchange}: declare, delete, and exchange-to-exchange bind/unbind. */
final class ExchangeMethods {
    private final ServerChannel channel;

    ExchangeMethods(ServerChannel channel) {
        this.channel = channel;
    }

    void handle(AmqpMethod method) throws ProtocolException {
        VirtualHost vhost = channel.host().virtualHost();
        Object owner = channel.host().owner();
        if (method instanceof AmqpExchange.Declare d) {
            vhost.declareExchange(d.exchange(), d.type(), d.passive(), d.durable(), d.autoDelete(), d.internal(),
                d.arguments(), owner);
            reply(d.nowait(), new AmqpExchange.DeclareOk());
        } else if (method instanceof AmqpExchange.Delete d) {
            vhost.deleteExchange(d.exchange(), d.ifUnused(), owner);
            reply(d.nowait(), new AmqpExchange.DeleteOk());
        } else if (method instanceof AmqpExchange.Bind b) {
            vhost.bindExchange(b.destination(), b.source(), b.routingKey(), b.arguments(), owner);
            reply(b.nowait(), new AmqpExchange.BindOk());
        } else if (method instanceof AmqpExchange.Unbind u) {
            vhost.unbindExchange(u.destination(), u.source(), u.routingKey(), u.arguments(), owner);
            reply(u.nowait(), new AmqpExchange.UnbindOk());
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
    }

    private void reply(boolean nowait, AmqpMethod ok) {
        if (!nowait) {
            channel.send(ok);
        }
    }
}
