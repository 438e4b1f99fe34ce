package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.fieldpost.broker.message.Message;

/** A consumer with a prefetch-style credit, recording what it receives. Thread-safe. */
public final class TestConsumer implements Consumer {

    private final String tag;
    private final boolean noAck;
    private final Object connection;
    private final List<QueueEntry> received = new ArrayList<>(); // guarded by this
    private int credit; // guarded by this
    private Predicate<Message> filter = m -> true;
    private volatile boolean cancelled;

    public TestConsumer(String tag, int credit) {
        this(tag, credit, false, new Object());
    }

    public TestConsumer(String tag, int credit, boolean noAck, Object connection) {
        this.tag = tag;
        this.credit = credit;
        this.noAck = noAck;
        this.connection = connection;
    }

    public TestConsumer accepting(Predicate<Message> predicate) {
        this.filter = predicate;
        return this;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public boolean noAck() {
        return noAck;
    }

    @Override
    public Object connection() {
        return connection;
    }

    @Override
    public synchronized boolean tryDeliver(QueueEntry entry) {
        if (credit == 0) {
            return false;
        }
        credit--;
        received.add(entry);
        return true;
    }

    @Override
    public boolean accepts(Message message) {
        return filter.test(message);
    }

    @Override
    public void cancelledByBroker() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public synchronized void addCredit(int n) {
        credit += n;
    }

    public synchronized List<QueueEntry> received() {
        return List.copyOf(received);
    }

    /** Bodies received, as strings. */
    public synchronized List<String> bodies() {
        return received.stream().map(e -> new String(e.message().body())).toList();
    }

    /** Removes and returns what was received so far. */
    public synchronized List<QueueEntry> drain() {
        List<QueueEntry> copy = List.copyOf(received);
        received.clear();
        return copy;
    }
}
