package org.fieldpost.jms.amqp;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds every shared client I/O thread busy until closed, so that tests can see what the application
 * side queues for them meanwhile. Waits until each thread is actually held.
 */
public final class IoThreadBlocker implements AutoCloseable {
    private static final long HOLD_LIMIT_SECONDS = 60;

    private final CountDownLatch release = new CountDownLatch(1);

    private IoThreadBlocker() {
    }

    /** Blocks all client I/O threads; they run again when the result is closed. */
    public static IoThreadBlocker blockAll() throws InterruptedException {
        IoThreadBlocker blocker = new IoThreadBlocker();
        int threads = 0;
        for (EventExecutor ignored : IoThreads.group()) {
            threads++;
        }
        CountDownLatch held = new CountDownLatch(threads);
        for (EventExecutor loop : IoThreads.group()) {
            loop.execute(() -> {
                held.countDown();
                try {
                    blocker.release.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!held.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            blocker.close();
            throw new IllegalStateException("the client I/O threads were not all held");
        }
        return blocker;
    }

    @Override
    public void close() {
        release.countDown();
    }
}
