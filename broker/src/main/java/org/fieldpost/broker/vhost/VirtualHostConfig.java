package org.fieldpost.broker.vhost;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.fieldpost.broker.message.MessageIds;
import org.fieldpost.broker.queue.QueueMemory;

/**
 * Tunables of a {@link VirtualHost}.
 *
 * @param clock the broker clock in epoch milliseconds (tests inject a manual one)
 * @param messageIds the id source, shared broker-wide or per virtual host
 * @param defaultMaxPriority maximum priority of queues declared without {@code x-max-priority}; 0
 *     (the default) makes them FIFO like RabbitMQ, 9 would order every queue by JMS priority
 * @param housekeepingInterval how often expired messages and unused {@code x-expires} queues are swept
 * @param recoveryBatchSize queue entries per batch when recovering from the store
 * @param memory the broker-wide message memory account and limit (paging, blocking publishers)
 */
public record VirtualHostConfig(LongSupplier clock, MessageIds messageIds, int defaultMaxPriority,
                                Duration housekeepingInterval, int recoveryBatchSize, QueueMemory memory) {

    public VirtualHostConfig {
        if (defaultMaxPriority < 0 || defaultMaxPriority > 255) {
            throw new IllegalArgumentException("defaultMaxPriority " + defaultMaxPriority);
        }
    }

    /** Tunables without a memory limit. */
    public VirtualHostConfig(LongSupplier clock, MessageIds messageIds, int defaultMaxPriority,
                             Duration housekeepingInterval, int recoveryBatchSize) {
        this(clock, messageIds, defaultMaxPriority, housekeepingInterval, recoveryBatchSize, QueueMemory.unlimited());
    }

    /** System clock, fresh ids, FIFO queues, a sweep every second, batches of 1000. */
    public static VirtualHostConfig defaults() {
        return new VirtualHostConfig(System::currentTimeMillis, new MessageIds(), 0, Duration.ofSeconds(1), 1000);
    }

    public VirtualHostConfig withClock(LongSupplier newClock) {
        return new VirtualHostConfig(newClock, messageIds, defaultMaxPriority, housekeepingInterval, recoveryBatchSize,
            memory);
    }

    public VirtualHostConfig withMessageIds(MessageIds ids) {
        return new VirtualHostConfig(clock, ids, defaultMaxPriority, housekeepingInterval, recoveryBatchSize, memory);
    }

    public VirtualHostConfig withDefaultMaxPriority(int max) {
        return new VirtualHostConfig(clock, messageIds, max, housekeepingInterval, recoveryBatchSize, memory);
    }

    public VirtualHostConfig withHousekeepingInterval(Duration interval) {
        return new VirtualHostConfig(clock, messageIds, defaultMaxPriority, interval, recoveryBatchSize, memory);
    }

    /** With a memory account: past its limit stored queues page and publishers are blocked. */
    public VirtualHostConfig withMemory(QueueMemory queueMemory) {
        return new VirtualHostConfig(clock, messageIds, defaultMaxPriority, housekeepingInterval, recoveryBatchSize,
            queueMemory);
    }
}
