package org.fieldpost.broker.store.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.broker.store.BindingRecord;
import org.fieldpost.broker.store.ExchangeRecord;
import org.fieldpost.broker.store.QueueRecord;
import org.fieldpost.broker.store.RecoveredEntry;
import org.fieldpost.broker.store.RecoveryHandler;

/** Collects the entries recovery reports, by queue, and the size of every batch. */
final class RecoveredQueues implements RecoveryHandler {

    final Map<String, List<RecoveredEntry>> entries = new LinkedHashMap<>();
    final List<Integer> batchSizes = new ArrayList<>();

    @Override
    public void exchange(ExchangeRecord exchange) {
    }

    @Override
    public void queue(QueueRecord queue) {
        entries.put(queue.name(), new ArrayList<>());
    }

    @Override
    public void binding(BindingRecord binding) {
    }

    @Override
    public void entries(String queue, List<RecoveredEntry> batch) {
        batchSizes.add(batch.size());
        entries.get(queue).addAll(batch);
    }

    /** The message ids of {@code queue}'s entries, in the order recovered. */
    List<Long> ids(String queue) {
        return entries.get(queue).stream().map(e -> e.message().id()).toList();
    }

    /** The delivery count recovered for the entry of message {@code id} in {@code queue}. */
    int deliveryCount(String queue, long id) {
        return entries.get(queue).stream().filter(e -> e.message().id() == id).findFirst().orElseThrow()
            .deliveryCount();
    }
}
