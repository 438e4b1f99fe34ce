package org.fieldpost.broker.vhost;

import java.util.Map;
import java.util.Set;
import org.fieldpost.broker.exchange.Destination;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.message.Message;
import org.fieldpost.broker.message.XDeath;
import org.fieldpost.broker.queue.DeadLetterReason;
import org.fieldpost.broker.queue.DeadLetterSink;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.queue.QueueArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes dead-lettered messages RabbitMQ's way: to the queue's {@code x-dead-letter-exchange},
 * with its {@code x-dead-letter-routing-key} or else the original key, {@code x-death} updated, the
 * {@code expiration} property dropped, a new message id. A missing dead-letter exchange drops the
 * message. Queues that would close a dead-letter cycle without any rejection in it are skipped.
 *
 * <p>Concurrency: stateless; called concurrently from queue operations (never under a queue lock).
 */
final class DeadLetterPublisher implements DeadLetterSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final VirtualHost host;

    DeadLetterPublisher(VirtualHost host) {
        this.host = host;
    }

    @Override
    public void deadLetter(MessageQueue source, Message message, DeadLetterReason reason) {
        try {
            QueueArguments settings = source.settings();
            Exchange dlx = host.exchange(settings.deadLetterExchange());
            if (dlx == null) {
                LOG.debug("dead-letter exchange '{}' of {} is missing; dropping {}",
                    settings.deadLetterExchange(), source, message);
                return;
            }
            long now = host.config().clock().getAsLong();
            String key = settings.deadLetterRoutingKey() != null
                ? settings.deadLetterRoutingKey() : message.routingKey();
            Map<String, Object> headers = XDeath.update(message, source.name(), reason.text(), now);
            Message copy = message.withHeadersAndRouting(host.config().messageIds().next(), dlx.name(), key,
                headers, false, now);
            Set<Destination> targets = dlx.routeTransitively(copy);
            targets.removeIf(d -> d instanceof MessageQueue q && XDeath.isCycle(headers, reason.text(), q.name()));
            host.deliver(copy, targets);
        } catch (RuntimeException e) {
            LOG.warn("dead-lettering {} from {} failed", message, source, e);
        }
    }
}
