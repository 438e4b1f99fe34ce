package org.fieldpost.broker.vhost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.exchange.Exchange;
import org.fieldpost.broker.exchange.ExchangeType;
import org.fieldpost.broker.queue.MessageQueue;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.PreparedBranchRecord;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveredEntry;
import org.fieldpost.broker.store.RecoveryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a virtual host from its store at start-up. Prepared XA branches are only accounted for
 * (their message ids); reinstating them in doubt is the XA registry's job.
 *
 * <p>Concurrency: used by the starting thread only, under the topology lock.
 */
final class VirtualHostRecovery implements RecoveryHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualHostRecovery.class);

    private final VirtualHost host;
    private final Map<String, MessageQueue> queues = new HashMap<>();
    private long messages;

    VirtualHostRecovery(VirtualHost host) {
        this.host = host;
    }

    @Override
    public void exchange(ExchangeRecord r) {
        ExchangeType type = ExchangeType.fromWireName(r.type());
        if (type == null) {
            LOG.warn("stored exchange '{}' has unknown type '{}'; ignoring it", r.name(), r.type());
            return;
        }
        host.recovered(Exchange.create(type, r.name(), true, r.autoDelete(), r.internal(), r.arguments()));
    }

    @Override
    public void queue(QueueRecord r) {
        queues.put(r.name(), host.recoveredQueue(r));
    }

    @Override
    public void binding(BindingRecord r) {
        host.recovered(r);
    }

    @Override
    public void entries(String queue, List<RecoveredEntry> batch) {
        MessageQueue q = queues.get(queue);
        messages += batch.size();
        for (RecoveredEntry e : batch) {
            host.config().messageIds().advancePast(e.message().id());
            if (q != null) {
                q.recover(e.message(), e.deliveryCount());
            }
        }
    }

    /** Queue entries recovered so far. */
    long messageCount() {
        return messages;
    }

    /** Durable queues recovered. */
    int queueCount() {
        return queues.size();
    }

    void prepared(PreparedBranchRecord branch) {
        for (PreparedBranchRecord.Enqueue e : branch.enqueues()) {
            host.config().messageIds().advancePast(e.message().id());
        }
    }
}
