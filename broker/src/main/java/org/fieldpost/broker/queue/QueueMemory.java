package org.fieldpost.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broker-wide accounting of the memory queues hold for messages, against a limit. Each entry held
 * in memory counts its body plus a fixed overhead for the entry and the message's metadata.
 *
 * <p>Past the limit, stored queues keep new persistent messages only in the store (paging, see
 * {@link PagedTail}) and publishers of messages that would stay in memory are blocked
 * ({@code connection.blocked}) until the use falls under the low mark. Paging back in runs on this
 * object's pager thread, never under a queue lock.
 *
 * <p>Concurrency: thread-safe; the counter is an atomic, listeners are guarded by {@code this}.
 */
public final class QueueMemory {

    /** What one entry held in memory costs beyond its body: entry, map node, message, properties. */
    static final long ENTRY_OVERHEAD = 400;
    private static final QueueMemory UNLIMITED = new QueueMemory(Long.MAX_VALUE);

    private final long limit;
    private final long lowMark;
    private final AtomicLong used = new AtomicLong();
    private final List<Runnable> belowLowMark = new ArrayList<>(); // guarded by this
    private ExecutorService pager; // guarded by this
    private boolean closed; // guarded by this

    /** A limit of {@code limitBytes}; the low mark is 80% of it. */
    public QueueMemory(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("memory limit " + limitBytes);
        }
        this.limit = limitBytes;
        this.lowMark = limitBytes == Long.MAX_VALUE ? limitBytes : limitBytes / 10 * 8;
    }

    /** No limit: nothing is paged, nobody is blocked (tests and transient brokers). */
    public static QueueMemory unlimited() {
        return UNLIMITED;
    }

    /** The default limit: 40% of the maximum heap. */
    public static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 10 * 4;
    }

    public long limit() {
        return limit;
    }

    /** Bytes currently accounted. */
    public long used() {
        return used.get();
    }

    /** True when the use is above the limit. */
    public boolean overLimit() {
        return used.get() > limit;
    }

    /**
     * Runs {@code task} once the use is below the low mark (at once, on this thread, if it already
     * is). The task runs on whatever thread freed the memory and must not block.
     */
    public void whenBelowLowMark(Runnable task) {
        synchronized (this) {
            if (used.get() >= lowMark) {
                belowLowMark.add(task);
                return;
            }
        }
        task.run();
    }

    /** True for a real limit (the unlimited instance keeps no account). */
    public boolean limited() {
        return limit != Long.MAX_VALUE;
    }

    void add(long entryBytes) {
        if (limited()) {
            used.addAndGet(entryBytes + ENTRY_OVERHEAD);
        }
    }

    void subtract(long entryBytes) {
        if (!limited()) {
            return;
        }
        long now = used.addAndGet(-(entryBytes + ENTRY_OVERHEAD));
        if (now < lowMark) {
            List<Runnable> ready;
            synchronized (this) {
                if (belowLowMark.isEmpty()) {
                    return;
                }
                ready = new ArrayList<>(belowLowMark);
                belowLowMark.clear();
            }
            ready.forEach(Runnable::run);
        }
    }

    /**
     * The thread that reads paged messages back from the store.
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    synchronized ExecutorService pager() {
        if (closed) {
            throw new RejectedExecutionException("the broker is stopping");
        }
        if (pager == null) {
            pager = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fieldpost-pager");
                t.setDaemon(true);
                return t;
            });
        }
        return pager;
    }

    /** Stops the pager thread for good (at broker shutdown); the unlimited instance has none. */
    public synchronized void close() {
        closed = true;
        if (pager != null) {
            pager.shutdownNow();
            pager = null;
        }
    }
}
