package org.fieldpost.jms.amqp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flow control of the publishes of one connection. The gate is shut while any of three holds:
 * <ol>
 *   <li>the broker has blocked the connection ({@code connection.blocked}, until {@code connection.unblocked});</li>
 *   <li>the socket is not writable: Netty's outbound buffer went over {@link #HIGH_WATER_MARK} and has
 *       not yet drained under {@link #LOW_WATER_MARK} (the channel's {@code WriteBufferWaterMark});</li>
 *   <li>the publishes handed to the I/O thread but not yet written to the socket add up to
 *       {@link #HIGH_WATER_MARK} or more, until they fall under {@link #LOW_WATER_MARK} (the event loop's
 *       task queue is a buffer too, and Netty only counts what reached its outbound buffer).</li>
 * </ol>
 * Each covers one stretch between the sending thread and the broker, so waiting for an open gate
 * before each publish bounds the client's memory. When the connection ends the gate fails for good.
 *
 * <p>Concurrency: thread-safe. States change under this object's monitor; the futures of waiting
 * publishers are completed outside it, on the thread that opened or ended the gate (the I/O thread,
 * or for the third condition whichever thread ran the write).
 */
final class PublishGate {
    /** Under this (bytes) a full outbound buffer or task queue counts as drained. */
    static final int LOW_WATER_MARK = 64 * 1024;
    /** At this (bytes) the outbound buffer or the task queue counts as full. */
    static final int HIGH_WATER_MARK = 256 * 1024;

    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);

    private final AtomicLong queued = new AtomicLong();
    private volatile boolean queueFull; // written under this
    private volatile boolean blocked; // written under this
    private volatile boolean unwritable; // written under this
    private AmqpException ended; // guarded by this
    /** {@link #OPEN} while open; a future for the waiters while shut; failed once ended. */
    private CompletableFuture<Void> gate = OPEN; // guarded by this

    /**
     * Complete while the gate is open; otherwise a future that completes when it opens, or fails with
     * the {@link AmqpException} that ended the connection. Does not block.
     */
    synchronized CompletableFuture<Void> whenOpen() {
        // A copy, so that no caller can complete the future the other waiters share.
        return gate.isDone() ? gate : gate.copy();
    }

    /** Whether the broker has blocked the connection. */
    boolean isBlocked() {
        return blocked;
    }

    /** {@code connection.blocked} ({@code true}) or {@code connection.unblocked} arrived. */
    void blocked(boolean value) {
        synchronized (this) {
            blocked = value;
        }
        changed();
    }

    /** Netty's writability of the socket changed. */
    void writable(boolean value) {
        synchronized (this) {
            unwritable = !value;
        }
        changed();
    }

    /** A publish of about {@code bytes} was handed to the I/O thread. Called by the publishing thread. */
    void enqueued(long bytes) {
        if (queued.addAndGet(bytes) >= HIGH_WATER_MARK && !queueFull) {
            changed();
        }
    }

    /** A publish counted by {@link #enqueued} was written to the socket (or dropped). */
    void dequeued(long bytes) {
        if (queued.addAndGet(-bytes) < LOW_WATER_MARK && queueFull) {
            changed();
        }
    }

    /** The connection closed or failed: fails the waiters and every later {@link #whenOpen()}. Idempotent. */
    void end(AmqpException cause) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (ended != null) {
                return;
            }
            ended = cause;
            waiting = gate;
            gate = CompletableFuture.failedFuture(cause);
        }
        waiting.completeExceptionally(cause);
    }

    private void changed() {
        CompletableFuture<Void> release = null;
        synchronized (this) {
            if (ended != null) {
                return;
            }
            long bytes = queued.get();
            if (bytes >= HIGH_WATER_MARK) {
                queueFull = true;
            } else if (bytes < LOW_WATER_MARK) {
                queueFull = false;
            }
            boolean shut = blocked || unwritable || queueFull;
            if (shut && gate == OPEN) {
                gate = new CompletableFuture<>();
            } else if (!shut && gate != OPEN) {
                release = gate;
                gate = OPEN;
            }
        }
        if (release != null) {
            release.complete(null);
        }
    }

    @Override
    public String toString() {
        return "PublishGate[blocked=" + blocked + ", unwritable=" + unwritable + ", queued=" + queued.get() + "]";
    }
}
