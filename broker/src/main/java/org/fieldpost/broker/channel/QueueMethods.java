package org.fieldpost.broker.channel;

import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.vhost.VirtualHost;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.fieldpost.protocol.method.AmqpMethod;
import org.fieldpost.protocol.method.AmqpQueue;

/**
 * The server side of AMQP class {@code queue}. Implements the spec's rule that an empty queue
 * name means the last queue declared on this channel (and an empty routing key in
 * {@code queue.bind} then means that queue's name).
 */
final class QueueMethods {
    private final ServerChannel channel;
    private String lastDeclared;

    QueueMethods(ServerChannel channel) {
        this.channel = channel;
    }

    void handle(AmqpMethod method) throws ProtocolException {
        VirtualHost vhost = channel.host().virtualHost();
        Object owner = channel.host().owner();
        if (method instanceof AmqpQueue.Declare d) {
            MessageQueue queue = vhost.declareQueue(d.queue(), d.passive(), d.durable(), d.exclusive(),
                d.autoDelete(), d.arguments(), owner);
            lastDeclared = queue.name();
            reply(d.nowait(), new AmqpQueue.DeclareOk(queue.name(), queue.messageCount(), queue.consumerCount()));
        } else if (method instanceof AmqpQueue.Bind b) {
            String queue = resolve(b.queue());
            String key = b.queue().isEmpty() && b.routingKey().isEmpty() ? queue : b.routingKey();
            vhost.bindQueue(queue, b.exchange(), key, b.arguments(), owner);
            reply(b.nowait(), new AmqpQueue.BindOk());
        } else if (method instanceof AmqpQueue.Unbind u) {
            vhost.unbindQueue(resolve(u.queue()), u.exchange(), u.routingKey(), u.arguments(), owner);
            channel.send(new AmqpQueue.UnbindOk());
        } else if (method instanceof AmqpQueue.Purge p) {
            int count = vhost.purgeQueue(resolve(p.queue()), owner);
            reply(p.nowait(), new AmqpQueue.PurgeOk(count));
        } else if (method instanceof AmqpQueue.Delete d) {
            int count = vhost.deleteQueue(resolve(d.queue()), d.ifUnused(), d.ifEmpty(), owner);
            reply(d.nowait(), new AmqpQueue.DeleteOk(count));
        } else {
            throw new ProtocolException(ReplyCode.COMMAND_INVALID,
                "COMMAND_INVALID - unexpected " + method.methodName());
        }
    }

    /**
     * The queue a method names: the given name, or the last queue declared on this channel when
     * the name is empty.
     *
     * @throws ProtocolException 404 NOT_FOUND when the name is empty and no queue was declared
     */
    String resolve(String name) throws ProtocolException {
        if (!name.isEmpty()) {
            return name;
        }
        if (lastDeclared == null) {
            throw new ProtocolException(ReplyCode.NOT_FOUND, "NOT_FOUND - no previously declared queue");
        }
        return lastDeclared;
    }

    private void reply(boolean nowait, AmqpMethod ok) {
        if (!nowait) {
            channel.send(ok);
        }
    }
}
