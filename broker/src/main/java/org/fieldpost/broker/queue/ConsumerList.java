package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers of one queue in round-robin order, with the credit state the queue tracks for each:
 * a consumer whose {@link Consumer#tryDeliver} refused is blocked until it is made ready again.
 *
 * <p>Concurrency: not thread-safe; owned by one {@link MessageQueue} and used under its lock.
 */
final class ConsumerList {

    private final List<Slot> slots = new ArrayList<>();
    private final Map<Consumer, Slot> byConsumer = new IdentityHashMap<>();
    private int cursor;
    private int ready;

    void add(Consumer consumer, boolean exclusive) {
        Slot slot = new Slot(consumer, exclusive);
        slots.add(slot);
        byConsumer.put(consumer, slot);
        ready++;
    }

    boolean remove(Consumer consumer) {
        Slot slot = byConsumer.remove(consumer);
        if (slot == null) {
            return false;
        }
        int index = slots.indexOf(slot);
        slots.remove(index);
        if (index < cursor) {
            cursor--;
        }
        if (!slot.blocked) {
            ready--;
        }
        return true;
    }

    boolean contains(Consumer consumer) {
        return byConsumer.containsKey(consumer);
    }

    /** True when one of the consumers belongs to {@code connection}. */
    boolean hasConsumerOf(Object connection) {
        for (Slot slot : slots) {
            if (slot.consumer.connection() == connection) {
                return true;
            }
        }
        return false;
    }

    boolean hasExclusive() {
        return slots.size() == 1 && slots.get(0).exclusive;
    }

    int size() {
        return slots.size();
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    boolean anyReady() {
        return ready > 0;
    }

    void ready(Consumer consumer) {
        Slot slot = byConsumer.get(consumer);
        if (slot != null && slot.blocked) {
            slot.blocked = false;
            ready++;
        }
    }

    void readyAll() {
        for (Slot slot : slots) {
            slot.blocked = false;
        }
        ready = slots.size();
    }

    /**
     * Offers the entry to the ready consumers that accept it, in round-robin order from the one after
     * the last delivery. Marks the entry acquired by the consumer that takes it and returns that
     * consumer; blocks the ones that refuse; returns null when nobody took it.
     */
    Consumer offer(QueueEntry entry) {
        int n = slots.size();
        for (int k = 0; k < n && ready > 0; k++) {
            int index = (cursor + k) % n;
            Slot slot = slots.get(index);
            if (slot.blocked || !slot.consumer.accepts(entry.message())) {
                continue;
            }
            entry.acquire(slot.consumer);
            if (slot.consumer.tryDeliver(entry)) {
                cursor = (index + 1) % n;
                return slot.consumer;
            }
            entry.makeAvailable();
            slot.blocked = true;
            ready--;
        }
        return null;
    }

    /** Removes every consumer and returns them. */
    List<Consumer> clear() {
        List<Consumer> all = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            all.add(slot.consumer);
        }
        slots.clear();
        byConsumer.clear();
        cursor = 0;
        ready = 0;
        return all;
    }

    private static final class Slot {
        final Consumer consumer;
        final boolean exclusive;
        boolean blocked;

        Slot(Consumer consumer, boolean exclusive) {
            this.consumer = consumer;
            this.exclusive = exclusive;
        }
    }
}
