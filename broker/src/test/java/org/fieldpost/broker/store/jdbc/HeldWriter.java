package org.fieldpost.broker.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps a store's writer busy so that the work submitted meanwhile lands in one group commit. */
final class HeldWriter {

    private HeldWriter() {
    }

    /** Blocks the writer in a task until {@code release}; returns once the writer is inside it. */
    static CompletableFuture<Void> hold(JdbcStoreEngine engine, CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> engine.writer().call(c -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        return done;
    }

    /**
     * Runs {@code submit} while the writer is held, then lets the writer go, so that what it submitted
     * reaches the writer in one batch; returns what {@code submit} returned.
     */
    static <T> T submittingTogether(JdbcStoreEngine engine, Callable<T> submit) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = hold(engine, release);
        try {
            return submit.call();
        } finally {
            release.countDown();
            held.get(10, TimeUnit.SECONDS);
        }
    }
}
