package org.fieldpost.broker.vhost;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.fieldpost.broker.message.MessageIds;

/**
 * Tunables of a {@link VirtualHost}.
 *
 * @param clock the broker clock in epoch milliseconds (tests inject a manual one)
 * @param messageIds the id source, shared broker-wide or per virtual host
 * @param defaultMaxPriority maximum priority of queues declared without {@code x-max-priority}; 0
 *     (the default) makes them FIFO like RabbitMQ, 9 would order every queue by JMS priority
 * @param housekeepingInterval how often expired messages and unused {@code x-expires} queues are swept
 * @param recoveryBatchSize queue entries per batch when recovering from the store
 */
public record VirtualHostConfig(LongSupplier clock, MessageIds messageIds, int defaultMaxPriority,
                                Duration housekeepingInterval, int recoveryBatchSize) {

    public VirtualHostConfig {
        if (defaultMaxPriority < 0 || defaultMaxPriority > 255) {
            throw new IllegalArgumentException("defaultMaxPriority " + defaultMaxPriority);
        }
    }

    /** System clock, fresh ids, FIFO queues, a sweep every second, batches of 1000. */
    public static VirtualHostConfig defaults() {
        return new VirtualHostConfig(System::currentTimeMillis, new MessageIds(), 0, Duration.ofSeconds(1), 1000);
    }

    public VirtualHostConfig withClock(LongSupplier newClock) {
        return new VirtualHostConfig(newClock, messageIds, defaultMaxPriority, housekeepingInterval, recoveryBatchSize);
    }

    public VirtualHostConfig withMessageIds(MessageIds ids) {
        return new VirtualHostConfig(clock, ids, defaultMaxPriority, housekeepingInterval, recoveryBatchSize);
    }

    public VirtualHostConfig withDefaultMaxPriority(int max) {
        return new VirtualHostConfig(clock, messageIds, max, housekeepingInterval, recoveryBatchSize);
    }

    public VirtualHostConfig withHousekeepingInterval(Duration interval) {
        return new VirtualHostConfig(clock, messageIds, defaultMaxPriority, interval, recoveryBatchSize);
    }
}
